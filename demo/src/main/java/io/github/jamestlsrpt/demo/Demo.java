package io.github.jamestlsrpt.demo;

import static io.github.jamestlsrpt.demo.DemoMails.INBOX;
import static io.github.jamestlsrpt.demo.DemoMails.OUT_OF_SCOPE;
import static io.github.jamestlsrpt.demo.DemoMails.REPORTS;
import static io.github.jamestlsrpt.demo.PluginServer.PASSWORD;
import static io.github.jamestlsrpt.demo.PluginServer.POSTMASTER;
import static io.github.jamestlsrpt.demo.PluginServer.TLSRPT;

import io.github.jamestlsrpt.demo.DemoMails.Counts;
import io.github.jamestlsrpt.demo.PluginServer.Installation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.james.GuiceJamesServer;
import org.apache.james.dnsservice.api.InMemoryDNSService;

/**
 * The demo, the product's main command ({@code ./demo.sh} at the repository's root): a real James 3.8.1 memory server
 * in this JVM, with the plugin installed as an operator installs it (the -james38 jar copied into extensions-jars/,
 * our classes not on the class path; conf-samples/mailetcontainer.xml as its configuration), listening on
 * 127.0.0.1; the users tlsrpt@example.com and postmaster@example.com; then the demo's report mails ({@link
 * DemoMails}) sent to it over SMTP, so that an IMAP client shows stored reports at once. It runs until interrupted
 * (Ctrl-C, or SIGTERM): a shutdown hook stops James, and the exit status is 0.
 *
 * <p>With {@code --exit-after-sending} it stops once the mails are delivered, exiting 0 when the mailboxes hold what
 * they should, 1 otherwise: the bounded check CI runs.
 */
public final class Demo {

    static final int DEFAULT_SMTP_PORT = 2525;
    static final int DEFAULT_IMAP_PORT = 1143;
    static final String USAGE = "usage: ./demo.sh [--smtp-port N] [--imap-port N] [--exit-after-sending]\n"
            + "       (java ... " + Demo.class.getName()
            + " --plugin-jar JAR [--conf-samples DIR] [same options])\n"
            + "  --smtp-port N          SMTP port on 127.0.0.1 (default " + DEFAULT_SMTP_PORT + "; 0: any free port)\n"
            + "  --imap-port N          IMAP port on 127.0.0.1 (default " + DEFAULT_IMAP_PORT + "; 0: any free port)\n"
            + "  --exit-after-sending   stop once the demo mails are delivered: exit 0 when the mailboxes hold\n"
            + "                         what they should, 1 otherwise\n"
            + "  --plugin-jar JAR       the james-tlsrpt-<version>-james38.jar to install (demo.sh names it)\n"
            + "  --conf-samples DIR     the folder of mailetcontainer.xml (default conf-samples)";

    /** A class of the plugin: found on the class path, it would not be the jar in extensions-jars/ that runs. */
    private static final String PLUGIN_CLASS = "io.github.jamestlsrpt.mailets.StoreTlsReports";

    private final Options options;
    private final PrintStream out;
    private final InMemoryDNSService dns = new InMemoryDNSService();
    private GuiceJamesServer server;
    private Path workingDirectory;
    private int smtpPort;
    private int imapPort;
    /** What the JVM ends with once James is stopped: what run() returned, or what an interrupt means. */
    private volatile int exitStatus;

    private Demo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        // interrupted before its verdict, the bounded run has not shown that all went well
        this.exitStatus = options.exitAfterSending() ? 1 : 0;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        Demo demo = new Demo(options, System.out);
        int status = demo.run();
        demo.exitStatus = status;
        System.exit(status);
    }

    private int run() {
        try {
            checkInstalledOnlyInExtensionsJars();
            checkPortsFree();
            start();
            DemoMails mails = new DemoMails(dns, LocalDate.now(ZoneOffset.UTC).minusDays(1));
            out.println("Demo DKIM keys of the senders, published in James's in-memory DNS:");
            out.println("  " + String.join(", ", mails.keyRecords()));
            out.println();
            Counts counts = mails.send(smtpPort, imapPort, out).counts();
            out.println();
            out.println("Delivered, as counted over IMAP: " + counts);
            if (options.exitAfterSending()) {
                boolean asExpected = counts.equals(DemoMails.EXPECTED);
                out.println(asExpected ? "As expected." : "Expected: " + DemoMails.EXPECTED);
                return asExpected ? 0 : 1;
            }
            printWhatToLookAt();
            awaitInterrupt();
            return 0;
        } catch (Exception e) {
            System.err.println("The demo failed: " + (e.getMessage() == null ? e : e.getMessage()));
            if (server != null) {
                System.err.println("James's log: " + logFile());
            }
            return 1;
        }
    }

    private void start() throws Exception {
        // a configuration error must reach us as an exception, not as System.exit(1) from within James
        System.setProperty("james.exit.on.startup.error", "false");
        System.setProperty("james.lifecycle.leak.detection.mode", "NONE");
        Installation installation = new Installation(
                options.pluginJar(),
                options.confSamples().resolve("mailetcontainer.xml"),
                options.smtpPort(),
                options.imapPort());
        workingDirectory = Files.createTempDirectory("james-tlsrpt-demo-");
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown, "james-tlsrpt-demo-shutdown"));
        server = PluginServer.server(PluginServer.configuration(workingDirectory.toFile(), installation), dns);

        out.println("james-tlsrpt demo: starting Apache James 3.8.1 (memory server) in this JVM...");
        server.start();
        PluginServer.addUsers(server, List.of(TLSRPT, POSTMASTER));
        smtpPort = PluginServer.smtpPort(server);
        imapPort = PluginServer.imapPort(server);

        out.println("  plugin:        " + installation.james38Jar().getFileName()
                + ", copied into extensions-jars/ (not on the class path)");
        out.println("  configuration: " + installation.mailetContainer() + ", unchanged");
        out.println("  working dir:   " + workingDirectory + " (mailboxes in memory: gone when it stops)");
        out.println("  James's log:   " + logFile());
        out.println();
        out.println("Listening on 127.0.0.1, plain text (no TLS):");
        out.println("  SMTP  127.0.0.1:" + smtpPort);
        out.println("  IMAP  127.0.0.1:" + imapPort);
        out.println();
        out.println("Users (fixed demo passwords: this server listens on the loopback interface only):");
        out.println(
                "  " + TLSRPT + "      password " + PASSWORD + "   the reporting address (rua=mailto:" + TLSRPT + ")");
        out.println("  " + POSTMASTER + "  password " + PASSWORD + "   gets a summary of reports with failures");
        out.println();
    }

    private void printWhatToLookAt() {
        out.println();
        out.println("Open it in any IMAP client (Thunderbird, mutt, ...): server 127.0.0.1, port " + imapPort
                + ", no encryption, normal password.");
        out.println("  " + TLSRPT + " / " + PASSWORD + ":");
        out.println("    " + REPORTS + "                one message per stored report: a plain-language summary, the"
                + " JSON document, the report as received");
        out.println(
                "    " + OUT_OF_SCOPE + "   the report for other.example (shown as " + REPORTS + " > Out-of-scope)");
        out.println("    " + INBOX + "                  every report mail, with its X-TLSRPT-Outcome header (the"
                + " unsigned one also has X-TLSRPT-Unauthenticated: true)");
        out.println("  " + POSTMASTER + " / " + PASSWORD + ":");
        out.println("    " + INBOX + "                  the summaries of the two reports with failures");
        out.println("Or from a shell:");
        out.println("  curl -s --url 'imap://127.0.0.1:" + imapPort + "/" + REPORTS + "' --user '" + TLSRPT + ":"
                + PASSWORD + "' -X 'SEARCH HEADER TLS-Report-Domain example.com'");
        out.println("  curl -s --url 'imap://127.0.0.1:" + imapPort + "/" + REPORTS + ";UID=1' --user '" + TLSRPT + ":"
                + PASSWORD + "'");
        out.println("Send more: any SMTP client to 127.0.0.1:" + smtpPort + ", recipient " + TLSRPT
                + " (a report must be DKIM-signed by a key in James's DNS: only the demo keys are there).");
        out.println();
        out.println("Running until Ctrl-C.");
    }

    /** Blocks until the JVM shuts down: on Ctrl-C (SIGINT) or SIGTERM, the shutdown hook then stops James. */
    private static void awaitInterrupt() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    /**
     * The shutdown hook: stops James, then ends the JVM with {@link #exitStatus}. An interrupt is how the demo is meant
     * to end, so it ends with 0, where the JVM would end with 130 (SIGINT) or 143 (SIGTERM); with 1 when it
     * interrupts {@code --exit-after-sending} before its verdict.
     */
    private void shutDown() {
        stop();
        out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exitStatus);
    }

    /** Stops James, when it was started, and removes the working directory. */
    private void stop() {
        if (server != null) {
            out.println();
            out.println("Stopping James...");
            try {
                server.stop();
                out.println("Stopped.");
            } catch (RuntimeException e) {
                System.err.println("James did not stop cleanly: " + e);
            }
        }
        deleteWorkingDirectory();
    }

    private void deleteWorkingDirectory() {
        try (Stream<Path> paths = Files.walk(workingDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + workingDirectory + ": " + e);
        }
    }

    private static void checkInstalledOnlyInExtensionsJars() {
        try {
            Class.forName(PLUGIN_CLASS);
        } catch (ClassNotFoundException expected) {
            return;
        }
        throw new IllegalStateException(PLUGIN_CLASS + " is on the class path: the demo would not run the plugin"
                + " from extensions-jars/, as an operator installs it");
    }

    private void checkPortsFree() {
        for (int port : new int[] {options.smtpPort(), options.imapPort()}) {
            if (port == 0) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " of 127.0.0.1 is taken; choose others with"
                        + " --smtp-port N --imap-port N (0: any free port)");
            }
        }
    }

    private static String logFile() {
        return System.getProperty("demo.log", "james-tlsrpt-demo.log");
    }

    /**
     * The command line.
     *
     * @param pluginJar the -james38 jar to install
     * @param confSamples the folder of mailetcontainer.xml
     * @param smtpPort SMTP port, 0 for any free one
     * @param imapPort IMAP port, 0 for any free one
     * @param exitAfterSending stop once the mails are delivered
     * @param help print the usage
     */
    record Options(
            Path pluginJar, Path confSamples, int smtpPort, int imapPort, boolean exitAfterSending, boolean help) {

        static Options parse(List<String> args) {
            Path pluginJar = null;
            Path confSamples = Path.of("conf-samples");
            int smtpPort = DEFAULT_SMTP_PORT;
            int imapPort = DEFAULT_IMAP_PORT;
            boolean exitAfterSending = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--help", "-h" -> {
                        return new Options(null, confSamples, smtpPort, imapPort, false, true);
                    }
                    case "--exit-after-sending" -> exitAfterSending = true;
                    case "--plugin-jar" -> pluginJar = Path.of(value(args, ++i, arg));
                    case "--conf-samples" -> confSamples = Path.of(value(args, ++i, arg));
                    case "--smtp-port" -> smtpPort = port(value(args, ++i, arg), arg);
                    case "--imap-port" -> imapPort = port(value(args, ++i, arg), arg);
                    default -> throw new IllegalArgumentException("unknown option: " + arg);
                }
            }
            if (pluginJar == null) {
                throw new IllegalArgumentException("--plugin-jar is required (demo.sh gives it)");
            }
            if (smtpPort != 0 && smtpPort == imapPort) {
                throw new IllegalArgumentException("--smtp-port and --imap-port must differ");
            }
            return new Options(pluginJar, confSamples, smtpPort, imapPort, exitAfterSending, false);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }

        private static int port(String value, String option) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException(option + " takes a port number from 0 to 65535, not " + value);
        }
    }
}
