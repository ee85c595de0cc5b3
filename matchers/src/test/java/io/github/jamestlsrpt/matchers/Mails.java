package io.github.jamestlsrpt.matchers;

import io.github.jamestlsrpt.message.TestMessages;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.slf4j.Logger;

/** FakeMails from the messages that {@link TestMessages} builds, matcher set-up, and a logger that keeps its lines. */
final class Mails {

    static final String RECIPIENT = "tlsrpt@example.com";

    private static final Session SESSION = Session.getInstance(new Properties());

    private Mails() {}

    static MimeMessage mimeMessage(byte[] bytes) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static FakeMail mail(String name, byte[] message) {
        try {
            return FakeMail.builder()
                    .name(name)
                    .mimeMessage(mimeMessage(message))
                    .recipient(RECIPIENT)
                    .build();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static FakeMail mail(String name, TestMessages.Entity message) {
        return mail(name, message.bytes());
    }

    /** A mail without a message (the attributes alone matter). */
    static FakeMail bareMail(String name) {
        try {
            return FakeMail.builder().name(name).recipient(RECIPIENT).build();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MailAddress recipient() {
        try {
            return new MailAddress(RECIPIENT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mail whose message cannot be loaded, as when the spool fails. */
    static Mail mailWhoseMessageFails(String name) {
        return (Mail) Proxy.newProxyInstance(
                Mail.class.getClassLoader(), new Class<?>[] {Mail.class}, (p, m, a) -> switch (m.getName()) {
                    case "getName" -> name;
                    case "getMessage" -> throw new MessagingException("the spool cannot load " + name);
                    case "getRecipients" -> List.of(recipient());
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    case "toString" -> "mail " + name;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static <T extends Matcher> T init(T matcher, String condition) throws MessagingException {
        matcher.init(FakeMatcherConfig.builder()
                .matcherName(matcher.getClass().getSimpleName())
                .mailetContext(FakeMailContext.defaultContext())
                .condition(condition)
                .build());
        return matcher;
    }

    /** An slf4j Logger that keeps every line logged at WARN, formatted, and whether a throwable went with it. */
    static final class RecordingLogger {

        final List<String> warnings = new ArrayList<>();
        final List<String> debugs = new ArrayList<>();
        boolean throwableLogged;

        Logger logger() {
            return (Logger) Proxy.newProxyInstance(
                    Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("warn") || name.equals("debug")) {
                            (name.equals("warn") ? warnings : debugs).add(format(args));
                            return null;
                        }
                        if (method.getReturnType() == boolean.class) {
                            return true;
                        }
                        if (name.equals("getName")) {
                            return "recording";
                        }
                        return null;
                    });
        }

        private String format(Object[] args) {
            String text = String.valueOf(args[0]);
            List<Object> values = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                if (args[i] instanceof Object[] array) {
                    values.addAll(List.of(array));
                } else {
                    values.add(args[i]);
                }
            }
            for (Object value : values) {
                if (value instanceof Throwable) {
                    throwableLogged = true;
                    continue;
                }
                int at = text.indexOf("{}");
                if (at >= 0) {
                    text = text.substring(0, at) + value + text.substring(at + 2);
                }
            }
            return text;
        }
    }
}
