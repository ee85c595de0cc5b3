package io.github.jamestlsrpt.mailets;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.james.core.Domain;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailContext;

/**
 * A {@link FakeMailContext} whose server serves the given domains (the fake serves only "localhost", and cannot be
 * subclassed): isLocalServer answers from the list, everything else goes to the fake.
 */
final class ServingMailetContext {

    private ServingMailetContext() {}

    static MailetContext serving(String... domains) {
        return serving(FakeMailContext.defaultContext(), domains);
    }

    /** Over the given fake, so that a test can read the mails sent through it. */
    static MailetContext serving(FakeMailContext fake, String... domains) {
        Set<Domain> served = Arrays.stream(domains).map(Domain::of).collect(Collectors.toSet());
        return (MailetContext) Proxy.newProxyInstance(
                MailetContext.class.getClassLoader(), new Class<?>[] {MailetContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isLocalServer")) {
                        return served.contains((Domain) args[0]);
                    }
                    try {
                        return method.invoke(fake, args);
                    } catch (InvocationTargetException thrown) {
                        throw thrown.getCause();
                    }
                });
    }
}
