package io.github.jamestlsrpt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import io.github.jamestlsrpt.demo.JamesWithPlugin;
import io.github.jamestlsrpt.demo.JamesWithPlugin.Installation;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.MailRepositoryProbeImpl;

/**
 * The demo's James 3.8.1 ({@link JamesWithPlugin}: the -james38 jar in extensions-jars/, conf-samples/mailetcontainer.xml
 * unchanged) on free loopback ports, for the tests: as a JUnit extension, or a server the test starts and stops
 * itself. The jar and conf-samples are those the e2e module's pom names (system properties).
 */
final class JamesExtension {

    static final String ALICE = "alice@example.com";

    private JamesExtension() {}

    /** One server for the whole test class, started before its first test. */
    static JamesServerExtension perClass(DNSService dns) {
        return new JamesServerBuilder<MemoryJamesConfiguration>(JamesExtension::configuration)
                .server(configuration -> server(configuration, dns))
                .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
                .build();
    }

    /** A server over the given working directory, for tests that start and stop it themselves. */
    static GuiceJamesServer server(File workingDirectory, DNSService dns) {
        return server(configuration(workingDirectory), dns);
    }

    private static GuiceJamesServer server(MemoryJamesConfiguration configuration, DNSService dns) {
        Module repositoryProbe = binder ->
                Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(MailRepositoryProbeImpl.class);
        return JamesWithPlugin.server(configuration, dns, repositoryProbe);
    }

    private static MemoryJamesConfiguration configuration(File workingDirectory) {
        return JamesWithPlugin.configuration(
                workingDirectory, Installation.onFreePorts(james38Jar(), sampleMailetContainer()));
    }

    /** conf-samples/mailetcontainer.xml of this repository, as an operator gets it. */
    static Path sampleMailetContainer() {
        return confSamples().resolve("mailetcontainer.xml");
    }

    static Path confSamples() {
        Path folder = Path.of(requiredProperty("conf.samples.dir"));
        assertThat(folder).isDirectory();
        return folder;
    }

    /** dist's james-tlsrpt-&lt;version&gt;-james38.jar, copied out of the reactor by the build. */
    static Path james38Jar() {
        Path jar = Path.of(requiredProperty("james38.jar"));
        assertThat(jar).isRegularFile();
        assertThat(jar.getFileName().toString()).endsWith("-james38.jar");
        return jar;
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        assertThat(value)
                .as("system property %s (set by the e2e module's pom)", name)
                .isNotBlank();
        return value;
    }

    /** The users an operator creates: the reporting address, the postmaster, and someone else. */
    static void addUsers(GuiceJamesServer server) throws Exception {
        JamesWithPlugin.addUsers(server, List.of(JamesWithPlugin.TLSRPT, JamesWithPlugin.POSTMASTER, ALICE));
    }

    static MailRepositoryProbeImpl repositories(GuiceJamesServer server) {
        return server.getProbe(MailRepositoryProbeImpl.class);
    }
}
