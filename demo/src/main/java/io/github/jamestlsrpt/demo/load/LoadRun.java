package io.github.jamestlsrpt.demo.load;

import static io.github.jamestlsrpt.demo.PluginServer.POSTMASTER;
import static io.github.jamestlsrpt.demo.PluginServer.TLSRPT;

import io.github.jamestlsrpt.demo.PluginServer;
import io.github.jamestlsrpt.demo.load.Ledger.Sent;
import io.github.jamestlsrpt.demo.load.Ledger.Stored;
import io.github.jamestlsrpt.demo.load.Ledger.Verdict;
import io.github.jamestlsrpt.demo.load.LoadMails.Mail;
import io.github.jamestlsrpt.demo.load.SmtpClients.Sending;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The load generator ({@code ./load.sh} at the repository's root): real James 3.8.1 memory servers in this JVM with
 * the plugin installed as an operator installs it (the -james38 jar in extensions-jars/, conf-samples'
 * mailetcontainer.xml), mail sent to them over SMTP by several clients at once, and the mailboxes read back through
 * James's mailbox API. Three scenarios:
 *
 * <ul>
 *   <li>{@code load}: one server, report mails (a share of them repeating an earlier report); prints the throughput,
 *       the latency percentiles from SMTP acceptance to storage and the peak heap, and checks that every report is
 *       stored exactly once and every mail kept in the INBOX exactly once. Exit status 1 otherwise.
 *   <li>{@code plain}: ordinary mail to a user, through the sample configuration and through the same without the
 *       plugin ({@link WithoutPlugin}), in alternating rounds, each on a freshly started server: the median ratio of
 *       the throughputs.
 *   <li>{@code reports}: the same report mails through the sample configuration (stored, original kept, summaries)
 *       and through the configuration without the plugin (plain LocalDelivery into the INBOX), the same way; with
 *       {@code --same-server}, both on one server instead, the same mails sent to a user the plugin does not serve.
 * </ul>
 */
public final class LoadRun {

    static final String USAGE = "usage: ./load.sh [--scenario load|plain|reports|all] [--mails N] [--clients N]\n"
            + "                 [--duplicates PERCENT] [--rate PER_SECOND] [--rounds N] [--round-mails N]\n"
            + "                 [--warm-up-rounds N] [--server-warm-up-mails N] [--same-server]\n"
            + "                 [--thread-ids naive|search]\n"
            + "       (java ... " + LoadRun.class.getName() + " --plugin-jar JAR [--conf-samples DIR] [same options])\n"
            + "  --scenario S        load (default): report mails to one server, checked and timed;\n"
            + "                      plain: ordinary mail with and without the plugin in the chain;\n"
            + "                      reports: report mails through the plugin and through plain LocalDelivery;\n"
            + "                      all: plain, reports, then load\n"
            + "  --mails N           report mails of the load scenario (default 20000)\n"
            + "  --duplicates P      per cent of them repeating an earlier report (default 5)\n"
            + "  --rate R            mails per second of all clients together in the load scenario (default 0:\n"
            + "                      as fast as James accepts them)\n"
            + "  --clients N         SMTP clients sending at once (default 8)\n"
            + "  --rounds N          measured rounds of each configuration in plain and reports (default 5)\n"
            + "  --warm-up-rounds N  rounds of each configuration before those, not counted (default 1): the JVM\n"
            + "                      keeps compiling James's code for several rounds\n"
            + "  --server-warm-up-mails N  mails sent to each round's fresh server before its measured mails, not\n"
            + "                      timed (default 0): the plugin is loaded anew with every server, so its code\n"
            + "                      starts cold each round, while James's stays compiled in this JVM\n"
            + "  --round-mails N     mails per round (default 2000)\n"
            + "  --same-server       reports only: both configurations on one server that runs the whole comparison,\n"
            + "                      as in production, where the plugin's code stays compiled: the report mails to\n"
            + "                      tlsrpt@example.com through the plugin, the same mails to alice@example.com by\n"
            + "                      plain LocalDelivery, new reports each round\n"
            + "  --thread-ids T      naive (default): each message is its own thread (James's\n"
            + "                      NaiveThreadIdGuessingAlgorithm), a cost that does not grow with the mailbox;\n"
            + "                      search: the memory server's own guessing, which searches all of the user's\n"
            + "                      messages at each append, so that each append costs more as the mailbox grows\n"
            + "  --plugin-jar JAR    the james-tlsrpt-<version>-james38.jar to install (load.sh names it)\n"
            + "  --conf-samples DIR  the folder of mailetcontainer.xml (default conf-samples)";

    private static final String PLUGIN_CLASS = "io.github.jamestlsrpt.mailets.StoreTlsReports";
    private static final String INBOX = "INBOX";
    private static final String REPORTS = "TLS-RPT";
    private static final String OUT_OF_SCOPE = "TLS-RPT.Out-of-scope";
    private static final String WITH = "with the plugin";
    private static final String WITHOUT = "without the plugin";
    private static final String SUMMARY_SUBJECT = "TLS report: ";
    /** How long the mailboxes may stay unchanged before the missing mails count as lost. */
    private static final long STALL_MILLIS = 120_000;

    private final Options options;
    private final PrintStream out;
    private final Path sample;
    private Path variant;
    private LoadMails mails;

    private LoadRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.sample = options.confSamples().resolve("mailetcontainer.xml");
    }

    public static void main(String[] args) throws Exception {
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
        System.exit(new LoadRun(options, System.out).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        checkInstalledOnlyInExtensionsJars();
        // a configuration error must reach us as an exception, not as System.exit(1) from within James
        System.setProperty("james.exit.on.startup.error", "false");
        System.setProperty("james.lifecycle.leak.detection.mode", "NONE");
        Path directory = Files.createTempDirectory("james-tlsrpt-load-mails-");
        try {
            variant = directory.resolve("mailetcontainer-without-plugin.xml");
            WithoutPlugin.write(sample, variant);
            mails = new LoadMails(directory);
            out.printf(
                    Locale.ROOT,
                    "james-tlsrpt load run: %d processors, Java %s, max heap %d MiB, %d SMTP clients, %s thread ids;"
                            + " load average %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version(),
                    HeapWatch.maxHeap() >> 20,
                    options.clients(),
                    options.searchThreadIds() ? "search" : "naive",
                    loadAverage());
            boolean ok = true;
            String scenario = options.scenario();
            if (scenario.equals("plain") || scenario.equals("all")) {
                ok &= compare(
                        "plain",
                        "ordinary mail to " + LoadMails.USER,
                        mails.ordinary(options.serverWarmUpMails()),
                        mails.ordinary(options.roundMails()));
            }
            if ((scenario.equals("reports") || scenario.equals("all")) && options.sameServer()) {
                ok &= compareOnOneServer(options.serverWarmUpMails(), options.roundMails());
            } else if (scenario.equals("reports") || scenario.equals("all")) {
                ok &= compare(
                        "reports",
                        "report mails to " + TLSRPT,
                        mails.reports(options.serverWarmUpMails(), 0, "server-warm-up"),
                        mails.reports(options.roundMails(), 0, "round"));
            }
            if (scenario.equals("load") || scenario.equals("all")) {
                ok &= load();
            }
            return ok;
        } finally {
            delete(directory);
        }
    }

    // --- plain and reports: the same mails with and without the plugin, alternating rounds ---

    /**
     * What a round gave: its configuration, throughput (mails completely delivered per second), the CPU time the whole
     * JVM used meanwhile (server, SMTP clients and collector alike), the part of that time the JIT compiler spent
     * compiling (as the JVM tells it: elapsed time of its threads, so about their CPU time), and verdict.
     */
    private record Round(
            String configuration,
            int mails,
            long elapsedMillis,
            long cpuNanos,
            long compilationMillis,
            String loadAverage,
            Verdict verdict,
            boolean clean) {

        double perSecond() {
            return mails * 1000.0 / elapsedMillis;
        }

        double cpuMillisPerMail() {
            return cpuNanos / 1e6 / mails;
        }

        double compilationMillisPerMail() {
            return (double) compilationMillis / mails;
        }
    }

    /** Runs one round of a configuration: the round's label, the configuration, the round's number (0 for warm-up). */
    @FunctionalInterface
    private interface RoundRunner {
        Round run(String label, String configuration, int number) throws Exception;
    }

    /** Fresh servers: each round of each configuration on a server of its own, started for it. */
    private boolean compare(String name, String what, List<Mail> serverWarmUp, List<Mail> roundMails) throws Exception {
        return compare(
                name,
                String.format(
                        Locale.ROOT,
                        "%d %s per round, %d clients; %s and %s alternating, a fresh server each round%s",
                        roundMails.size(),
                        what,
                        options.clients(),
                        WITH,
                        WITHOUT,
                        serverWarmUp.isEmpty() ? "" : " that first gets " + serverWarmUp.size() + " untimed mails"),
                (label, configuration, number) -> round(label, configuration, serverWarmUp, roundMails));
    }

    /**
     * One server for the whole comparison, as in production, where the plugin's code stays compiled: report mails to
     * {@value PluginServer#TLSRPT} take the plugin; the same mails to {@value LoadMails#USER} take plain LocalDelivery
     * (the plugin's matcher stops at RecipientIs for them, as for any mail not addressed to it). Each round sends new
     * reports, so that none is a duplicate of an earlier round's.
     */
    private boolean compareOnOneServer(int serverWarmUpMails, int roundMails) throws Exception {
        try (LoadServer server = LoadServer.start(options.pluginJar(), sample, mails, options.searchThreadIds())) {
            List<Batch> toPlugin = new ArrayList<>();
            List<Batch> toInbox = new ArrayList<>();
            if (serverWarmUpMails > 0) {
                List<Mail> warmUp = mails.reports(serverWarmUpMails, 0, "server-warm-up");
                untimed(server, toPlugin, warmUp, true);
                untimed(server, toInbox, readdressed(warmUp), false);
            }
            Map<Integer, List<Mail>> byRound = new HashMap<>();
            return compare(
                    "reports",
                    String.format(
                            Locale.ROOT,
                            "%d report mails per round, %d clients; %s (to %s) and %s (the same mails to %s)"
                                    + " alternating, all on one server%s",
                            roundMails,
                            options.clients(),
                            WITH,
                            TLSRPT,
                            WITHOUT,
                            LoadMails.USER,
                            serverWarmUpMails == 0
                                    ? ""
                                    : " that first gets " + serverWarmUpMails + " untimed mails of each"),
                    (label, configuration, number) -> {
                        List<Mail> reports = byRound.computeIfAbsent(number, n -> {
                            try {
                                return mails.reports(roundMails, 0, "round-" + n);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                        boolean plugin = configuration.equals(WITH);
                        return timed(
                                label,
                                configuration,
                                server,
                                plugin ? toPlugin : toInbox,
                                plugin ? reports : readdressed(reports),
                                plugin);
                    });
        }
    }

    /** The same mails to {@value LoadMails#USER}: plain mail to her, whatever they hold. */
    private static List<Mail> readdressed(List<Mail> reports) {
        return reports.stream()
                .map(mail -> new Mail(
                        mail.messageId(), mail.envelopeSender(), LoadMails.USER, List.of(), false, mail.file()))
                .toList();
    }

    private boolean compare(String name, String setting, RoundRunner rounds) throws Exception {
        out.println();
        out.printf(Locale.ROOT, "== %s: %s; %d warm-up round(s) each ==%n", name, setting, options.warmUpRounds());
        boolean ok = true;
        for (int r = 1; r <= options.warmUpRounds(); r++) {
            ok &= rounds.run("warm-up", WITH, -r).clean();
            ok &= rounds.run("warm-up", WITHOUT, -r).clean();
        }
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int r = 1; r <= options.rounds(); r++) {
            boolean withFirst = r % 2 == 1;
            Round first = rounds.run("round " + r, withFirst ? WITH : WITHOUT, r);
            Round second = rounds.run("round " + r, withFirst ? WITHOUT : WITH, r);
            Round withPlugin = withFirst ? first : second;
            Round withoutPlugin = withFirst ? second : first;
            ok &= first.clean() && second.clean();
            ratios.add(withPlugin.perSecond() / withoutPlugin.perSecond());
            cpuRatios.add(withoutPlugin.cpuMillisPerMail() / withPlugin.cpuMillisPerMail());
            with.add(withPlugin.perSecond());
            without.add(withoutPlugin.perSecond());
            out.printf(
                    Locale.ROOT,
                    "  round %d: ratio %.3f (CPU per mail without / with: %.3f)%n",
                    r,
                    ratios.get(ratios.size() - 1),
                    cpuRatios.get(cpuRatios.size() - 1));
        }
        out.printf(
                Locale.ROOT,
                "%s: median throughput %s %.1f mails/s, %s %.1f mails/s; median of the rounds' ratios %.3f"
                        + " (ratios %s)%n",
                name,
                WITH,
                median(with),
                WITHOUT,
                median(without),
                median(ratios),
                ratios.stream()
                        .map(ratio -> String.format(Locale.ROOT, "%.3f", ratio))
                        .toList());
        // CPU per mail does not count the time a thread waits for a core another program holds: on a shared machine
        // it is the steadier figure, and on a machine the server has to itself it is what bounds the throughput
        out.printf(
                Locale.ROOT,
                "%s: median of the rounds' CPU ratios (JVM CPU per mail %s / %s) %.3f (ratios %s)%n",
                name,
                WITHOUT,
                WITH,
                median(cpuRatios),
                cpuRatios.stream()
                        .map(ratio -> String.format(Locale.ROOT, "%.3f", ratio))
                        .toList());
        return ok;
    }

    /** A round on a fresh server: the server's warm-up mails untimed, then the round's mails timed. */
    private Round round(String label, String configuration, List<Mail> serverWarmUp, List<Mail> roundMails)
            throws Exception {
        boolean plugin = configuration.equals(WITH);
        try (LoadServer server =
                LoadServer.start(options.pluginJar(), plugin ? sample : variant, mails, options.searchThreadIds())) {
            List<Batch> batches = new ArrayList<>();
            if (!serverWarmUp.isEmpty()) {
                untimed(server, batches, serverWarmUp, plugin);
            }
            return timed(label, configuration, server, batches, roundMails, plugin);
        }
    }

    /** Sends mails and waits until they are delivered, untimed; they join the batches that later checks cover. */
    private void untimed(LoadServer server, List<Batch> batches, List<Mail> toSend, boolean plugin) throws Exception {
        Sending sending = SmtpClients.send(server.smtpPort(), toSend, options.clients(), 0);
        batches.add(new Batch(toSend, sending));
        awaitDelivery(server.store(), batches, plugin);
    }

    /**
     * Sends the round's mails and times them: from the first connection to the last message appended, and the CPU
     * time of this JVM until every mail was delivered (not the reading back that checks them). The verdict covers the
     * earlier batches to the same recipient too.
     */
    private Round timed(
            String label,
            String configuration,
            LoadServer server,
            List<Batch> batches,
            List<Mail> roundMails,
            boolean plugin)
            throws Exception {
        String before = loadAverage();
        long cpuBefore = processCpuNanos();
        long compilationBefore = compilationMillis();
        Sending sending = SmtpClients.send(server.smtpPort(), roundMails, options.clients(), 0);
        batches.add(new Batch(roundMails, sending));
        Delivered delivered = awaitDelivery(server.store(), batches, plugin);
        long cpu = delivered.cpuNanosWhenDelivered() - cpuBefore;
        long compilation = delivered.compilationMillisWhenDelivered() - compilationBefore;
        Verdict verdict = delivered.verdict();
        long elapsed = verdict.lastAppendedAtMillis() - sending.startedAtMillis();
        Round round = new Round(
                configuration,
                roundMails.size(),
                elapsed,
                cpu,
                compilation,
                before + " -> " + loadAverage(),
                verdict,
                verdict.ok()
                        && batches.stream()
                                .allMatch(batch -> batch.sending().refusals().isEmpty()));
        out.printf(
                Locale.ROOT,
                "  %-8s %-19s %6.1f mails/s (%d in %.1f s; %.2f ms of CPU per mail, %.2f of them compiling;"
                        + " load average %s)%s%n",
                label,
                configuration,
                round.perSecond(),
                round.mails(),
                elapsed / 1000.0,
                round.cpuMillisPerMail(),
                round.compilationMillisPerMail(),
                round.loadAverage(),
                round.clean() ? "" : "  FAULTS: " + faults(verdict, sending));
        return round;
    }

    // --- load: one server, many report mails, checked ---

    private boolean load() throws Exception {
        out.println();
        List<Mail> loadMails = mails.reports(options.mails(), options.duplicates(), "load");
        long distinct = loadMails.stream()
                .flatMap(mail -> mail.reportIds().stream())
                .distinct()
                .count();
        long failing = loadMails.stream()
                .filter(Mail::failing)
                .map(Mail::reportIds)
                .distinct()
                .count();
        out.printf(
                Locale.ROOT,
                "== load: %d report mails to %s, %d distinct reports (%d mails repeat an earlier report),"
                        + " %d of them with failures; %d clients, %s ==%n",
                loadMails.size(),
                TLSRPT,
                distinct,
                loadMails.size() - distinct,
                failing,
                options.clients(),
                options.rate() > 0 ? options.rate() + " mails/s" : "as fast as James accepts them");
        String before = loadAverage();
        try (LoadServer server = LoadServer.start(options.pluginJar(), sample, mails, options.searchThreadIds())) {
            System.gc();
            Sending sending;
            Delivered delivered;
            long summaries;
            long lastSummary;
            try (HeapWatch heap = new HeapWatch()) {
                sending = SmtpClients.send(server.smtpPort(), loadMails, options.clients(), options.rate());
                long sent = lastAcceptance(sending);
                delivered = awaitDelivery(server.store(), List.of(new Batch(loadMails, sending)), true);
                summaries = delivered.summaries();
                lastSummary = delivered.lastSummaryMillis();
                out.printf(
                        Locale.ROOT,
                        "sent: %d accepted in %.1f s (%.1f mails/s accepted)%n",
                        accepted(sending),
                        (sent - sending.startedAtMillis()) / 1000.0,
                        accepted(sending) * 1000.0 / (sent - sending.startedAtMillis()));
                out.printf(
                        Locale.ROOT,
                        "heap: at most %d MiB after a collection (%d collections), at most %d MiB used in a sample"
                                + " (max heap %d MiB)%n",
                        heap.maxAfterGc() >> 20,
                        heap.collections(),
                        heap.maxUsed() >> 20,
                        HeapWatch.maxHeap() >> 20);
            }
            Verdict verdict = delivered.verdict();
            long end = Math.max(verdict.lastAppendedAtMillis(), lastSummary);
            double seconds = (end - sending.startedAtMillis()) / 1000.0;
            long outOfScope = server.store().count(TLSRPT, OUT_OF_SCOPE);
            out.printf(
                    Locale.ROOT,
                    "processed: %d mails in %.1f s, %.1f mails/s (%.1f reports stored per second), from the first"
                            + " connection to the last message stored; load average %s -> %s%n",
                    verdict.expectedMails(),
                    seconds,
                    verdict.expectedMails() / seconds,
                    (verdict.expectedReports() - verdict.lostReports().size()) / seconds,
                    before,
                    loadAverage());
            printLatencies("SMTP acceptance -> report stored in " + REPORTS, verdict.reportLatenciesMillis());
            printLatencies("SMTP acceptance -> mail kept in the INBOX", verdict.mailLatenciesMillis());
            printTimeline(verdict.reportTimings(), sending.startedAtMillis());
            out.printf(
                    Locale.ROOT,
                    "stored: %s %d, %s %d, %s of %s %d, summaries to %s %d (expected %d)%n",
                    REPORTS,
                    server.store().count(TLSRPT, REPORTS),
                    OUT_OF_SCOPE,
                    outOfScope,
                    INBOX,
                    TLSRPT,
                    verdict.expectedMails() - verdict.lostMails().size(),
                    POSTMASTER,
                    summaries,
                    failing);
            List<String> faults = new ArrayList<>(verdict.faults());
            faults.addAll(sending.refusals());
            if (outOfScope != 0) {
                faults.add(outOfScope + " reports stored as out of scope");
            }
            if (summaries != failing) {
                faults.add(summaries + " summaries to " + POSTMASTER + " where " + failing + " reports had failures");
            }
            if (faults.isEmpty()) {
                out.println("verdict: every report stored exactly once, every mail kept exactly once");
                return true;
            }
            out.println("verdict: FAILED");
            faults.forEach(fault -> out.println("  " + fault));
            return false;
        }
    }

    private void printLatencies(String what, long[] ascending) {
        if (ascending.length == 0) {
            out.println(what + ": none");
            return;
        }
        out.printf(
                Locale.ROOT,
                "%s (%d): p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (min %d ms)%n",
                what,
                ascending.length,
                Ledger.percentile(ascending, 50),
                Ledger.percentile(ascending, 90),
                Ledger.percentile(ascending, 99),
                ascending[ascending.length - 1],
                ascending[0]);
    }

    /** The reports' latencies by tenths of the run (in the order of acceptance): where the slow ones were. */
    private void printTimeline(List<Ledger.Timing> timings, long startedAtMillis) {
        if (timings.size() < 10) {
            return;
        }
        out.println("  by tenths of the reports, in the order of acceptance (accepted from-to s after the start):");
        for (int tenth = 0; tenth < 10; tenth++) {
            List<Ledger.Timing> part = timings.subList(tenth * timings.size() / 10, (tenth + 1) * timings.size() / 10);
            long[] latencies = Ledger.ascending(part);
            out.printf(
                    Locale.ROOT,
                    "  %5.1f-%5.1f s: p50 %d ms, p99 %d ms, max %d ms%n",
                    (part.get(0).acceptedAtMillis() - startedAtMillis) / 1000.0,
                    (part.get(part.size() - 1).acceptedAtMillis() - startedAtMillis) / 1000.0,
                    Ledger.percentile(latencies, 50),
                    Ledger.percentile(latencies, 99),
                    latencies[latencies.length - 1]);
        }
    }

    // --- waiting and reading back ---

    /**
     * @param cpuNanosWhenDelivered this JVM's CPU time once every mail was delivered, before the mailboxes were read
     *     back to check them
     * @param compilationMillisWhenDelivered the JIT compiler's time at that moment
     */
    private record Delivered(
            Verdict verdict,
            long summaries,
            long lastSummaryMillis,
            long cpuNanosWhenDelivered,
            long compilationMillisWhenDelivered) {}

    /**
     * Waits until the INBOX of the mails' recipient holds every accepted mail (with the plugin, the original goes
     * there once its reports are stored), and, with the plugin, until the postmaster has the summaries of the
     * failing reports; at most until nothing has changed for two minutes.
     */
    /** Mails sent to a server, and how their sending went. */
    private record Batch(List<Mail> mails, Sending sending) {}

    private Delivered awaitDelivery(StoreProbe store, List<Batch> batches, boolean plugin) throws InterruptedException {
        List<Mail> sentMails = new ArrayList<>();
        List<Sent> sent = new ArrayList<>();
        for (Batch batch : batches) {
            sentMails.addAll(batch.mails());
            for (int i = 0; i < batch.mails().size(); i++) {
                if (batch.sending().acceptedAtMillis()[i] >= 0) {
                    Mail mail = batch.mails().get(i);
                    sent.add(new Sent(
                            mail.messageId(), mail.reportIds(), batch.sending().acceptedAtMillis()[i]));
                }
            }
        }
        String recipient = sentMails.get(0).recipient();
        boolean reports = recipient.equals(TLSRPT);
        long failing = plugin && reports
                ? sentMails.stream()
                        .filter(Mail::failing)
                        .map(Mail::reportIds)
                        .distinct()
                        .count()
                : 0;
        await(() -> store.count(recipient, INBOX), sent.size());
        // counting is cheap and reading every Subject is not (thousands of summaries by the last round, read every
        // 20 ms in this JVM, whose CPU the round is charged): count first; the INBOX also holds a digest when the run
        // passes the digest's time of day, so the summaries are then read until they are all there
        await(() -> store.count(POSTMASTER, INBOX), failing);
        await(() -> summaries(store).size(), failing);
        long cpuNanosWhenDelivered = processCpuNanos();
        long compilationMillisWhenDelivered = compilationMillis();
        List<Stored> summaries = summaries(store);
        Verdict verdict = Ledger.check(
                sent,
                plugin && reports ? store.messages(TLSRPT, REPORTS, "X-TLSRPT-Report-Id") : List.of(),
                store.messages(recipient, INBOX, "Message-ID"));
        if (!(plugin && reports)) {
            // without the plugin nothing is stored apart: only the mails are checked
            verdict = new Verdict(
                    0,
                    List.of(),
                    List.of(),
                    List.of(),
                    verdict.expectedMails(),
                    verdict.lostMails(),
                    verdict.duplicatedMails(),
                    verdict.reportTimings(),
                    verdict.mailTimings(),
                    verdict.lastAppendedAtMillis());
        }
        return new Delivered(
                verdict,
                summaries.size(),
                summaries.stream().mapToLong(Stored::appendedAtMillis).max().orElse(0),
                cpuNanosWhenDelivered,
                compilationMillisWhenDelivered);
    }

    /**
     * The summaries in the postmaster's INBOX, by their Subject ("TLS report: ..."): a digest may be there too when the
     * run passes the digest's time of day.
     */
    private static List<Stored> summaries(StoreProbe store) {
        return store.messages(POSTMASTER, INBOX, "Subject").stream()
                .filter(message -> message.key().startsWith(SUMMARY_SUBJECT))
                .toList();
    }

    @FunctionalInterface
    private interface Count {
        long get();
    }

    private static void await(Count count, long wanted) throws InterruptedException {
        long last = count.get();
        long changed = System.currentTimeMillis();
        while (last < wanted && System.currentTimeMillis() - changed < STALL_MILLIS) {
            Thread.sleep(20);
            long now = count.get();
            if (now != last) {
                last = now;
                changed = System.currentTimeMillis();
            }
        }
    }

    private static long accepted(Sending sending) {
        return Arrays.stream(sending.acceptedAtMillis()).filter(at -> at >= 0).count();
    }

    private static long lastAcceptance(Sending sending) {
        return Arrays.stream(sending.acceptedAtMillis()).max().orElse(sending.startedAtMillis());
    }

    private static String faults(Verdict verdict, Sending sending) {
        List<String> faults = new ArrayList<>(verdict.faults());
        faults.addAll(
                sending.refusals().subList(0, Math.min(5, sending.refusals().size())));
        return String.join("; ", faults);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The CPU time of this JVM so far, every thread together. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not tell its CPU time");
    }

    /** The JIT compiler's accumulated time in this JVM, in milliseconds; 0 when the JVM does not tell it. */
    private static long compilationMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime()
                : 0;
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static void checkInstalledOnlyInExtensionsJars() {
        try {
            Class.forName(PLUGIN_CLASS);
        } catch (ClassNotFoundException expected) {
            return;
        }
        throw new IllegalStateException(PLUGIN_CLASS + " is on the class path: the load run would not run the plugin"
                + " from extensions-jars/, as an operator installs it");
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The command line; see {@link #USAGE}. */
    record Options(
            Path pluginJar,
            Path confSamples,
            String scenario,
            int mails,
            int clients,
            int duplicates,
            double rate,
            int rounds,
            int warmUpRounds,
            int serverWarmUpMails,
            int roundMails,
            boolean searchThreadIds,
            boolean sameServer,
            boolean help) {

        static Options parse(List<String> args) {
            Path pluginJar = null;
            Path confSamples = Path.of("conf-samples");
            String scenario = "load";
            int mails = 20_000;
            int clients = 8;
            int duplicates = 5;
            double rate = 0;
            int rounds = 5;
            int warmUpRounds = 1;
            int serverWarmUpMails = 0;
            int roundMails = 2000;
            boolean searchThreadIds = false;
            boolean sameServer = false;
            boolean help = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--help", "-h" -> {
                        // nothing else is read: the usage is all that is asked for
                        help = true;
                        i = args.size();
                    }
                    case "--plugin-jar" -> pluginJar = Path.of(value(args, ++i, arg));
                    case "--conf-samples" -> confSamples = Path.of(value(args, ++i, arg));
                    case "--scenario" -> {
                        scenario = value(args, ++i, arg);
                        if (!List.of("load", "plain", "reports", "all").contains(scenario)) {
                            throw new IllegalArgumentException(
                                    "--scenario is load, plain, reports or all, not " + scenario);
                        }
                    }
                    case "--mails" -> mails = number(value(args, ++i, arg), arg, 1, 10_000_000);
                    case "--clients" -> clients = number(value(args, ++i, arg), arg, 1, 1000);
                    case "--duplicates" -> duplicates = number(value(args, ++i, arg), arg, 0, 50);
                    case "--rate" -> rate = number(value(args, ++i, arg), arg, 0, 1_000_000);
                    case "--rounds" -> rounds = number(value(args, ++i, arg), arg, 1, 1000);
                    case "--warm-up-rounds" -> warmUpRounds = number(value(args, ++i, arg), arg, 0, 100);
                    case "--server-warm-up-mails" -> serverWarmUpMails =
                            number(value(args, ++i, arg), arg, 0, 10_000_000);
                    case "--round-mails" -> roundMails = number(value(args, ++i, arg), arg, 1, 10_000_000);
                    case "--thread-ids" -> {
                        String threadIds = value(args, ++i, arg);
                        if (!List.of("naive", "search").contains(threadIds)) {
                            throw new IllegalArgumentException("--thread-ids is naive or search, not " + threadIds);
                        }
                        searchThreadIds = threadIds.equals("search");
                    }
                    case "--same-server" -> sameServer = true;
                    default -> throw new IllegalArgumentException("unknown option: " + arg);
                }
            }
            if (pluginJar == null && !help) {
                throw new IllegalArgumentException("--plugin-jar is required (load.sh gives it)");
            }
            return new Options(
                    pluginJar,
                    confSamples,
                    scenario,
                    mails,
                    clients,
                    duplicates,
                    rate,
                    rounds,
                    warmUpRounds,
                    serverWarmUpMails,
                    roundMails,
                    searchThreadIds,
                    sameServer,
                    help);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }

        private static int number(String value, String option, int min, int max) {
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException(
                    option + " takes a whole number from " + min + " to " + max + ", not " + value);
        }
    }
}
