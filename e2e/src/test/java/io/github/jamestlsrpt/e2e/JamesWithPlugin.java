package io.github.jamestlsrpt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.data.UsersRepositoryModuleChooser;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.GuiceProbe;
import org.apache.james.utils.MailRepositoryProbeImpl;

/**
 * A real James 3.8.1 memory server with the plugin installed as an operator installs it: the -james38 jar copied into
 * extensions-jars/ (our classes are not on the test class path) and conf-samples/mailetcontainer.xml, unchanged, as
 * its mailetcontainer.xml. The other configuration files are the tests' own (src/test/resources/james-conf/: SMTP
 * and IMAP on free loopback ports, example.com served). James's DNS is the given in-memory DNS, where the tests
 * publish their DKIM keys.
 */
final class JamesWithPlugin {

    static final String DOMAIN = "example.com";
    static final String TLSRPT = "tlsrpt@example.com";
    static final String POSTMASTER = "postmaster@example.com";
    static final String ALICE = "alice@example.com";
    static final String PASSWORD = "secret";

    private static final List<String> CONFIGURATION_FILES = List.of(
            "smtpserver.xml",
            "imapserver.xml",
            "domainlist.xml",
            "dnsservice.xml",
            "mailrepositorystore.xml",
            "usersrepository.xml",
            "pop3server.xml",
            "lmtpserver.xml",
            "managesieveserver.xml",
            "listeners.xml");

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

    private static GuiceJamesServer server(MemoryJamesConfiguration configuration, DNSService dns) {
        Module inMemoryDns = binder -> binder.bind(DNSService.class).toInstance(dns);
        Module probes = binder -> {
            com.google.inject.multibindings.Multibinder<GuiceProbe> set =
                    com.google.inject.multibindings.Multibinder.newSetBinder(binder, GuiceProbe.class);
            set.addBinding().to(MailRepositoryProbeImpl.class);
            set.addBinding().to(MetricsProbe.class);
        };
        return MemoryJamesServerMain.createServer(configuration).overrideWith(inMemoryDns, probes);
    }

    /** Lays out the working directory as a packaged James has it: conf/ and extensions-jars/. */
    static MemoryJamesConfiguration configuration(File workingDirectory) {
        try {
            Path conf = Files.createDirectories(workingDirectory.toPath().resolve("conf"));
            for (String file : CONFIGURATION_FILES) {
                try (InputStream in = JamesWithPlugin.class.getResourceAsStream("/james-conf/" + file)) {
                    assertThat(in).as("test resource james-conf/" + file).isNotNull();
                    Files.copy(in, conf.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.copy(
                    sampleMailetContainer(), conf.resolve("mailetcontainer.xml"), StandardCopyOption.REPLACE_EXISTING);
            Path extensions = Files.createDirectories(workingDirectory.toPath().resolve("extensions-jars"));
            Path jar = james38Jar();
            Files.copy(jar, extensions.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out James's working directory " + workingDirectory, e);
        }
        return MemoryJamesConfiguration.builder()
                .workingDirectory(workingDirectory)
                .usersRepository(UsersRepositoryModuleChooser.Implementation.DEFAULT)
                .build();
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
        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        if (!data.containsDomain(DOMAIN)) {
            data.addDomain(DOMAIN);
        }
        for (String user : List.of(TLSRPT, POSTMASTER, ALICE)) {
            data.addUser(user, PASSWORD);
        }
    }

    static int smtpPort(GuiceJamesServer server) {
        return server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
    }

    static int imapPort(GuiceJamesServer server) {
        return server.getProbe(ImapGuiceProbe.class).getImapPort();
    }

    static MailRepositoryProbeImpl repositories(GuiceJamesServer server) {
        return server.getProbe(MailRepositoryProbeImpl.class);
    }

    static MetricsProbe metrics(GuiceJamesServer server) {
        return server.getProbe(MetricsProbe.class);
    }
}
