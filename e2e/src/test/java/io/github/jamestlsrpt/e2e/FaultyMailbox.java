package io.github.jamestlsrpt.e2e;

import com.google.inject.Module;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.inmemory.InMemoryMailboxManager;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResultIterator;

/**
 * A test-only fault in James's mailbox: James's {@link MailboxManager} binding is overridden (a Guice module) by the
 * memory server's own manager seen through a proxy that fails, while a fault is set, the appends into one folder
 * (the stored reports' TLS-RPT), and passes everything else through unchanged: IMAP, the INBOX delivery and the
 * other folders (TLS-RPT.Receipts...) work as usual. The plugin is not told: it gets the proxy through its
 * {@code @Inject} constructor like any James service.
 */
final class FaultyMailbox {

    /** What an append into the folder does. */
    enum Fault {
        /** works */
        NONE,
        /** refused: the mailbox answers with an error and stores nothing */
        REFUSE,
        /** the message is written, then the caller gets a time-out, as when a reply from the store is lost */
        TIME_OUT_AFTER_WRITING,
        /** waits until {@link #release()} before doing its work, as a mailbox that hangs */
        HOLD
    }

    private final String folder;
    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private final AtomicInteger failedAppends = new AtomicInteger();
    private final AtomicInteger heldAppends = new AtomicInteger();
    private final AtomicInteger interruptedAppends = new AtomicInteger();
    private final AtomicInteger appended = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Supplier<InMemoryMailboxManager> real = () -> null;

    FaultyMailbox(String folder) {
        this.folder = folder;
    }

    /** The Guice module that puts this in front of James's memory mailbox. */
    Module module() {
        return binder -> binder.bind(MailboxManager.class).toProvider(new com.google.inject.Provider<>() {
            @com.google.inject.Inject
            private InMemoryMailboxManager memory;

            private MailboxManager proxy;

            @Override
            public synchronized MailboxManager get() {
                if (proxy == null) {
                    // Guice may ask for the binding before it injected this provider's field: read it when used
                    real = () -> memory;
                    proxy = proxy(MailboxManager.class, this::managerCall);
                }
                return proxy;
            }

            private Object managerCall(Method method, Object[] args) throws Throwable {
                Object result = invoke(method, memory, args);
                if (result instanceof MessageManager mailbox
                        && args != null
                        && args.length > 0
                        && args[0] instanceof MailboxPath path
                        && path.getName().equals(folder)) {
                    return proxy(MessageManager.class, (call, callArgs) -> mailboxCall(mailbox, call, callArgs));
                }
                return result;
            }
        });
    }

    void set(Fault next) {
        if (next == Fault.HOLD) {
            gate = new CountDownLatch(1);
        }
        fault.set(next);
    }

    /** Lets the held appends go on; later ones work. */
    void release() {
        fault.set(Fault.NONE);
        gate.countDown();
    }

    int failedAppends() {
        return failedAppends.get();
    }

    int heldAppends() {
        return heldAppends.get();
    }

    /** Held appends whose thread was interrupted (James stopping its spool threads) before they were let go. */
    int interruptedAppends() {
        return interruptedAppends.get();
    }

    /** Appends into the folder that went through. */
    int appended() {
        return appended.get();
    }

    /**
     * The values of a header field in the messages of one of the user's folders, read from the memory server's own
     * manager behind the proxy: readable also after the server stopped. Empty when the folder does not exist.
     */
    List<String> headerValues(String user, String folderName, String field) throws MailboxException {
        InMemoryMailboxManager memory = real.get();
        MailboxSession session = memory.createSystemSession(Username.of(user));
        MessageManager mailbox;
        try {
            mailbox = memory.getMailbox(MailboxPath.forUser(Username.of(user), folderName), session);
        } catch (MailboxNotFoundException missing) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        MessageResultIterator messages = mailbox.getMessages(MessageRange.all(), FetchGroup.HEADERS, session);
        while (messages.hasNext()) {
            Iterator<Header> headers = messages.next().getHeaders().headers();
            while (headers.hasNext()) {
                Header header = headers.next();
                if (header.getName().equalsIgnoreCase(field)) {
                    values.add(header.getValue().strip());
                }
            }
        }
        return values;
    }

    private Object mailboxCall(MessageManager mailbox, Method method, Object[] args) throws Throwable {
        if (!method.getName().equals("appendMessage")) {
            return invoke(method, mailbox, args);
        }
        switch (fault.get()) {
            case REFUSE -> {
                failedAppends.incrementAndGet();
                throw new MailboxException("append to " + folder + " refused (test fault)");
            }
            case TIME_OUT_AFTER_WRITING -> {
                invoke(method, mailbox, args);
                failedAppends.incrementAndGet();
                throw new MailboxException("append to " + folder + " timed out (test fault; the message was written)");
            }
            case HOLD -> {
                heldAppends.incrementAndGet();
                try {
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        throw new MailboxException("append to " + folder + " held for 60 s (test fault)");
                    }
                } catch (InterruptedException interrupted) {
                    interruptedAppends.incrementAndGet();
                    Thread.currentThread().interrupt();
                    throw new MailboxException("append to " + folder + " interrupted (test fault)", interrupted);
                }
                Object result = invoke(method, mailbox, args);
                appended.incrementAndGet();
                return result;
            }
            default -> {
                Object result = invoke(method, mailbox, args);
                appended.incrementAndGet();
                return result;
            }
        }
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface Call {
        Object on(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "faulty " + type.getSimpleName();
                };
            }
            return call.on(method, args);
        };
        return type.cast(Proxy.newProxyInstance(FaultyMailbox.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
