package io.github.jamestlsrpt.demo.load;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import io.github.jamestlsrpt.demo.PluginServer;
import io.github.jamestlsrpt.demo.PluginServer.Installation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.james.GuiceJamesServer;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.utils.DataProbeImpl;
import org.apache.james.utils.GuiceProbe;

/**
 * A freshly started James 3.8.1 memory server of the demo (the -james38 jar in extensions-jars/) with the given
 * mailetcontainer.xml, the users tlsrpt@, postmaster@ and alice@example.com, the hosted domains of the reports, the
 * report senders' keys in its DNS, and a {@link StoreProbe}. Closing it stops James and removes its working directory:
 * its mailboxes, in memory, go with it.
 */
final class LoadServer implements AutoCloseable {

    private final GuiceJamesServer server;
    private final Path workingDirectory;

    private LoadServer(GuiceJamesServer server, Path workingDirectory) {
        this.server = server;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Starts a server.
     *
     * @param searchThreadIds whether James keeps the memory server's own thread-id guessing, which searches all of the
     *     user's messages at each append; otherwise each message is its own thread (James's
     *     NaiveThreadIdGuessingAlgorithm), a cost that does not grow with the mailbox, as with the distributed
     *     server's thread table
     */
    static LoadServer start(Path pluginJar, Path mailetContainer, LoadMails mails, boolean searchThreadIds)
            throws Exception {
        InMemoryDNSService dns = new InMemoryDNSService();
        mails.publishKeys(dns);
        Path workingDirectory = Files.createTempDirectory("james-tlsrpt-load-");
        Module probe = binder ->
                Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(StoreProbe.class);
        GuiceJamesServer server = PluginServer.server(
                PluginServer.configuration(
                        workingDirectory.toFile(), Installation.onFreePorts(pluginJar, mailetContainer)),
                dns,
                probe);
        if (!searchThreadIds) {
            server = server.overrideWith(
                    binder -> binder.bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class));
        }
        LoadServer started = new LoadServer(server, workingDirectory);
        try {
            server.start();
            PluginServer.addUsers(server, List.of(PluginServer.TLSRPT, PluginServer.POSTMASTER, LoadMails.USER));
            DataProbeImpl data = server.getProbe(DataProbeImpl.class);
            for (int n = 0; n < LoadMails.HOSTED_DOMAINS; n++) {
                data.addDomain(LoadMails.hostedDomain(n));
            }
        } catch (Exception e) {
            started.close();
            throw e;
        }
        return started;
    }

    int smtpPort() {
        return PluginServer.smtpPort(server);
    }

    StoreProbe store() {
        return server.getProbe(StoreProbe.class);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            try (Stream<Path> paths = Files.walk(workingDirectory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                System.err.println("could not remove " + workingDirectory + ": " + e);
            }
        }
    }
}
