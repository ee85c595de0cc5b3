package io.github.jamestlsrpt.demo;

import com.google.inject.Module;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.data.UsersRepositoryModuleChooser;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.modules.protocols.ImapGuiceProbe;
import org.apache.james.modules.protocols.SmtpGuiceProbe;
import org.apache.james.utils.DataProbeImpl;

/**
 * A real James 3.8.1 memory server with the plugin installed as an operator installs it: the -james38 jar copied into
 * extensions-jars/ (our classes are not on the class path) and conf-samples/mailetcontainer.xml, unchanged, as its
 * mailetcontainer.xml. The other configuration files are the demo's own (james-conf/ beside this class: SMTP and
 * IMAP on the loopback interface without TLS, example.com served). James's DNS is the given in-memory DNS, in which
 * the DKIM keys of the report senders are published. The demo and the end-to-end tests both run this server.
 */
public final class PluginServer {

    public static final String DOMAIN = "example.com";
    public static final String TLSRPT = "tlsrpt@example.com";
    public static final String POSTMASTER = "postmaster@example.com";
    /** The password of every user the demo and the tests create: a fixed one, for a server on the loopback only. */
    public static final String PASSWORD = "secret";

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
    private static final String ANY_LOOPBACK_PORT = "<bind>127.0.0.1:0</bind>";

    /**
     * What goes into the server's working directory.
     *
     * @param james38Jar dist's james-tlsrpt-&lt;version&gt;-james38.jar
     * @param mailetContainer conf-samples/mailetcontainer.xml
     * @param smtpPort the SMTP port on 127.0.0.1; 0 for any free port
     * @param imapPort the IMAP port on 127.0.0.1; 0 for any free port
     */
    public record Installation(Path james38Jar, Path mailetContainer, int smtpPort, int imapPort) {

        public Installation {
            if (!Files.isRegularFile(james38Jar)
                    || !james38Jar.getFileName().toString().endsWith("-james38.jar")) {
                throw new IllegalArgumentException("not a james-tlsrpt -james38.jar: " + james38Jar);
            }
            if (!Files.isRegularFile(mailetContainer)) {
                throw new IllegalArgumentException("no mailetcontainer.xml at " + mailetContainer);
            }
        }

        /** SMTP and IMAP on free ports, as the tests want them. */
        public static Installation onFreePorts(Path james38Jar, Path mailetContainer) {
            return new Installation(james38Jar, mailetContainer, 0, 0);
        }
    }

    private PluginServer() {}

    /** A memory server over the working directory, James's DNS being the given one. */
    public static GuiceJamesServer server(MemoryJamesConfiguration configuration, DNSService dns, Module... overrides) {
        Module inMemoryDns = binder -> binder.bind(DNSService.class).toInstance(dns);
        return MemoryJamesServerMain.createServer(configuration)
                .overrideWith(inMemoryDns)
                .overrideWith(overrides);
    }

    /** Lays out the working directory as a packaged James has it: conf/ and extensions-jars/. */
    public static MemoryJamesConfiguration configuration(File workingDirectory, Installation installation) {
        try {
            Path conf = Files.createDirectories(workingDirectory.toPath().resolve("conf"));
            for (String file : CONFIGURATION_FILES) {
                String text = resource("james-conf/" + file);
                if (file.equals("smtpserver.xml")) {
                    text = bindTo(text, installation.smtpPort(), file);
                } else if (file.equals("imapserver.xml")) {
                    text = bindTo(text, installation.imapPort(), file);
                }
                Files.writeString(conf.resolve(file), text, StandardCharsets.UTF_8);
            }
            Files.copy(
                    installation.mailetContainer(),
                    conf.resolve("mailetcontainer.xml"),
                    StandardCopyOption.REPLACE_EXISTING);
            Path extensions = Files.createDirectories(workingDirectory.toPath().resolve("extensions-jars"));
            Path jar = installation.james38Jar();
            Files.copy(jar, extensions.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out James's working directory " + workingDirectory, e);
        }
        return MemoryJamesConfiguration.builder()
                .workingDirectory(workingDirectory)
                .usersRepository(UsersRepositoryModuleChooser.Implementation.DEFAULT)
                .build();
    }

    private static String bindTo(String configuration, int port, String file) {
        if (!configuration.contains(ANY_LOOPBACK_PORT)) {
            throw new IllegalStateException(file + " binds to no " + ANY_LOOPBACK_PORT);
        }
        return configuration.replace(ANY_LOOPBACK_PORT, "<bind>127.0.0.1:" + port + "</bind>");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PluginServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing beside " + PluginServer.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Creates the users (example.com first, when missing), each with {@link #PASSWORD}. */
    public static void addUsers(GuiceJamesServer server, List<String> users) throws Exception {
        DataProbeImpl data = server.getProbe(DataProbeImpl.class);
        if (!data.containsDomain(DOMAIN)) {
            data.addDomain(DOMAIN);
        }
        for (String user : users) {
            data.addUser(user, PASSWORD);
        }
    }

    public static int smtpPort(GuiceJamesServer server) {
        return server.getProbe(SmtpGuiceProbe.class).getSmtpPort().getValue();
    }

    public static int imapPort(GuiceJamesServer server) {
        return server.getProbe(ImapGuiceProbe.class).getImapPort();
    }
}
