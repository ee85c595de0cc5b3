package io.github.jamestlsrpt.benchmarks;

import io.github.jamestlsrpt.core.digest.Cadence;
import io.github.jamestlsrpt.core.digest.Digest;
import io.github.jamestlsrpt.core.digest.DigestCalculator;
import io.github.jamestlsrpt.core.digest.DigestPeriod;
import io.github.jamestlsrpt.core.digest.Receipt;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mailets.digest.DigestWriter;
import io.github.jamestlsrpt.mailets.digest.ReceiptLog;
import io.github.jamestlsrpt.mailets.digest.StoredReportsReader;
import io.github.jamestlsrpt.mailets.store.JamesReportMailbox;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.ReportMailbox;
import io.github.jamestlsrpt.mailets.store.ReportMailboxException;
import io.github.jamestlsrpt.mailets.store.ReportMessageWriter;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building the daily digest of 2026-11-28 from a folder holding 30 days of reports (2026-10-30 to 2026-11-28, one
 * report a day for each of {@code domains} domains: 30 x {@code domains} reports, all inside the digest's window of the
 * day and the 30 days before it), with one receipt per report mail, over James's {@code InMemoryMailboxManager}.
 *
 * <ul>
 *   <li>{@code digest}: what {@code SendTlsReportDigest} does for a digest, less the period marker and the sending:
 *       read the window's stored reports ({@code StoredReportsReader} over {@code JamesReportMailbox}: the mailbox's
 *       search by internal date, then each message fetched and its JSON document read) and receipts
 *       ({@code ReceiptLog}), compute ({@code DigestCalculator}), write the message ({@code DigestWriter}: text, HTML
 *       and the chart) and serialise it.
 *   <li>{@code readStoredReports}, {@code readReceipts}, {@code compute}, {@code write}: the parts, to see where the
 *       time goes.
 * </ul>
 *
 * <p>The folders are filled once per trial (fork) through the plugin's own writers (the stored messages by {@code
 * ReportMessageWriter} from reports read by the real core, the receipts by {@code ReceiptLog}), each appended with the
 * internal date it was received at; this takes about a millisecond per report. The setup checks the folder sizes and
 * that the digest counts every report of the day, and prints the heap that the window's read reports hold.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class DigestGrowthBenchmark {

    static final MailboxFolder FOLDER = new MailboxFolder(StoredReportFixtures.USER, "TLS-RPT");
    static final LocalDate DAY = LocalDate.parse("2026-11-28");
    static final int DAYS = 30;
    private static final Instant RUN = Instant.parse("2026-11-29T06:00:00Z");

    @Param({"33", "100", "333", "1000"})
    public int domains;

    private ReportMailbox mailbox;
    private ReceiptLog receipts;
    private DigestPeriod period;
    private Instant from;
    private Instant to;
    private StoredReportsReader.Found found;
    private Optional<List<Receipt>> recorded;
    private Digest computed;
    private DigestWriter writer;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        JamesMemoryMailbox james = new JamesMemoryMailbox();
        DatedAppends dated = new DatedAppends(james, new JamesReportMailbox(james.manager()));
        ReportMessageWriter messages = new ReportMessageWriter(new InternetAddress(StoredReportFixtures.USER));
        ReceiptLog filler = new ReceiptLog(dated, Clock.fixed(RUN, ZoneOffset.UTC));
        int mails = 0;
        for (int day = DAYS - 1; day >= 0; day--) {
            LocalDate covered = DAY.minusDays(day + 1L);
            for (int d = 0; d < domains; d++) {
                // reports of a day's sessions arrive during the next day, spread over its first hours
                Instant received = covered.plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .plusSeconds(60L + d * 7L)
                        .toInstant();
                long failed = d % 10 == 0 ? (day % 3) * 5L : (d % 10 == 1 ? 100 : 0);
                ExtractedReport report = StoredReportFixtures.report(
                        d % 2 == 0 ? "Google LLC" : "Microsoft Corporation",
                        StoredReportFixtures.domain(d),
                        covered,
                        1000L + (d * 37L) % 500,
                        failed);
                dated.at(received);
                dated.append(FOLDER, messages.write(report, StoredReportFixtures.DKIM, received));
                filler.record(FOLDER, "Mail" + (++mails), List.of(report), 1, 0);
            }
        }
        long stored = james.count(FOLDER);
        long receiptCount = james.count(ReceiptLog.folderOf(FOLDER));
        StoreGrowthBenchmark.check(stored == (long) DAYS * domains, "the folder holds " + stored + " reports");
        StoreGrowthBenchmark.check(receiptCount == stored, "the receipts folder holds " + receiptCount);

        mailbox = new JamesReportMailbox(james.manager());
        receipts = new ReceiptLog(mailbox, Clock.fixed(RUN, ZoneOffset.UTC));
        period = DigestPeriod.containing(Cadence.DAILY, ZoneOffset.UTC, DAY);
        from = DigestCalculator.windowStart(period);
        to = period.end();
        writer = new DigestWriter(
                new InternetAddress("postmaster@example.com"), List.of(new InternetAddress("admins@example.com")));

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        found = StoredReportsReader.read(mailbox, FOLDER, from, to);
        System.gc();
        long held = memory.getHeapMemoryUsage().getUsed() - before;
        recorded = receipts.read(FOLDER, from, to);
        computed = DigestCalculator.compute(
                period, found.reports(), recorded, found.unreadable().size());
        StoreGrowthBenchmark.check(
                found.reports().size() == DAYS * domains,
                "the digest read " + found.reports().size() + " reports");
        StoreGrowthBenchmark.check(
                computed.totals().reports() == domains,
                "the digest counts " + computed.totals().reports() + " reports");
        StoreGrowthBenchmark.check(
                computed.domains().size() == domains,
                "the digest has " + computed.domains().size() + " domains");
        System.out.printf(
                Locale.ROOT,
                "%nfixture: %,d stored reports and %,d receipts in the window; the read reports hold about %,d KiB of"
                        + " heap (%,d bytes per report); heap used after the fixture %,d MiB%n",
                stored,
                receiptCount,
                held / 1024,
                held / stored,
                memory.getHeapMemoryUsage().getUsed() / (1024 * 1024));
    }

    @Benchmark
    public long digest() throws ReportMailboxException, MessagingException, IOException {
        StoredReportsReader.Found reports = StoredReportsReader.read(mailbox, FOLDER, from, to);
        Optional<List<Receipt>> mails = receipts.read(FOLDER, from, to);
        int unreadable =
                (int) reports.unreadable().stream().filter(period::contains).count();
        Digest digest = DigestCalculator.compute(period, reports.reports(), mails, unreadable);
        return serialised(digest);
    }

    @Benchmark
    public StoredReportsReader.Found readStoredReports() throws ReportMailboxException {
        return StoredReportsReader.read(mailbox, FOLDER, from, to);
    }

    @Benchmark
    public Optional<List<Receipt>> readReceipts() throws ReportMailboxException {
        return receipts.read(FOLDER, from, to);
    }

    @Benchmark
    public Digest compute() {
        return DigestCalculator.compute(period, found.reports(), recorded, 0);
    }

    @Benchmark
    public long write() throws MessagingException, IOException {
        return serialised(computed);
    }

    private long serialised(Digest digest) throws MessagingException, IOException {
        CountingOutputStream out = new CountingOutputStream();
        writer.write(digest, RUN).writeTo(out);
        return out.count();
    }

    /** Appends through James's mailbox with a chosen internal date (when the report was received); reads through ours. */
    private static final class DatedAppends implements ReportMailbox {
        private final JamesMemoryMailbox james;
        private final ReportMailbox ours;
        private Instant at;

        DatedAppends(JamesMemoryMailbox james, ReportMailbox ours) {
            this.james = james;
            this.ours = ours;
        }

        void at(Instant instant) {
            at = instant;
        }

        @Override
        public void ensureFolder(MailboxFolder folder) throws ReportMailboxException {
            ours.ensureFolder(folder);
        }

        @Override
        public boolean exists(MailboxFolder folder) throws ReportMailboxException {
            return ours.exists(folder);
        }

        @Override
        public long append(MailboxFolder folder, byte[] message) throws ReportMailboxException {
            try {
                return james.append(folder, message, at).asLong();
            } catch (Exception failure) {
                throw new ReportMailboxException("could not append to " + folder, failure);
            }
        }

        @Override
        public FolderScan scan(MailboxFolder folder, String header, long fromUid) throws ReportMailboxException {
            return ours.scan(folder, header, fromUid);
        }

        @Override
        public void read(MailboxFolder folder, Instant from, Instant to, MessageReader reader)
                throws ReportMailboxException {
            ours.read(folder, from, to, reader);
        }
    }
}
