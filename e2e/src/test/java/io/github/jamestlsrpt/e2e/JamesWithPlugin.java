package io.github.jamestlsrpt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import io.github.jamestlsrpt.demo.PluginServer;
import io.github.jamestlsrpt.demo.PluginServer.Installation;
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
 * The demo's James 3.8.1 ({@link PluginServer}: the -james38 jar copied into extensions-jars/, our classes not on the
 * test class path, conf-samples/mailetcontainer.xml unchanged) on free loopback ports, for the tests: as a JUnit
 * extension, or a server the test starts and stops itself. The jar and conf-samples are those the e2e module's pom
 * names (system properties). James's DNS is the given in-memory DNS, where the tests publish their DKIM keys.
 */
final class JamesWithPlugin {

    static final String DOMAIN = PluginServer.DOMAIN;
    static final String TLSRPT = PluginServer.TLSRPT;
    static final String POSTMASTER = PluginServer.POSTMASTER;
    static final String ALICE = "alice@example.com";
    static final String PASSWORD = PluginServer.PASSWORD;

    private JamesWithPlugin() {}

    /** One server for the whole test class, started before its first test. */
    static JamesServerExtension perClass(DNSService dns) {
        return new JamesServerBuilder<MemoryJamesConfiguration>(JamesWithPlugin::configuration)
                .server(configuration -> server(configuration, dns))
                .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
                .build();
    }

    /** A server over the given working directory, for tests that start and stop it themselves. */
    static GuiceJamesServer server(File workingDirectory, DNSService dns) {
        return server(configuration(workingDirectory), dns);
    }

    /**
     * A server over the given working directory with another mailetcontainer.xml, and James's bindings overridden by
     * the given modules (such as its Clock), for tests that start and stop it themselves.
     */
    static GuiceJamesServer server(File workingDirectory, Path mailetContainer, DNSService dns, Module... overrides) {
        MemoryJamesConfiguration configuration =
                PluginServer.configuration(workingDirectory, Installation.onFreePorts(james38Jar(), mailetContainer));
        return server(configuration, dns).overrideWith(overrides);
    }

    private static GuiceJamesServer server(MemoryJamesConfiguration configuration, DNSService dns) {
        Module probes = binder -> {
            Multibinder<GuiceProbe> set = Multibinder.newSetBinder(binder, GuiceProbe.class);
            set.addBinding().to(MailRepositoryProbeImpl.class);
            set.addBinding().to(MetricsProbe.class);
            set.addBinding().to(ReprocessingProbe.class);
        };
        return PluginServer.server(configuration, dns, probes);
    }

    private static MemoryJamesConfiguration configuration(File workingDirectory) {
        return PluginServer.configuration(
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
        PluginServer.addUsers(server, List.of(TLSRPT, POSTMASTER, ALICE));
    }

    static int smtpPort(GuiceJamesServer server) {
        return PluginServer.smtpPort(server);
    }

    static int imapPort(GuiceJamesServer server) {
        return PluginServer.imapPort(server);
    }

    static MailRepositoryProbeImpl repositories(GuiceJamesServer server) {
        return server.getProbe(MailRepositoryProbeImpl.class);
    }

    /** James's reprocessing of a mail repository, as its web administration does it. */
    static ReprocessingProbe reprocessing(GuiceJamesServer server) {
        return server.getProbe(ReprocessingProbe.class);
    }

    static MetricsProbe metrics(GuiceJamesServer server) {
        return server.getProbe(MetricsProbe.class);
    }
}
