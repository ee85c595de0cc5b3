package io.github.jamestlsrpt.benchmarks;

import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mailets.summary.SummaryWriter;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one summary mail costs {@code SendTlsReportSummary}, in CPU time of the thread that writes it (as
 * {@link CpuTime} measures, median of 21 batches, after {@value #WARM_UP} summaries of warm-up): the summary of a Google-shaped report with two
 * failure details written by {@link SummaryWriter}, then, as James's {@code sendMail} does when it wraps the message
 * for its spool, written out once. James's own work on the mail after that (its queue, its spool) is not counted.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.jamestlsrpt.benchmarks.SummaryMailCost
 * </pre>
 */
public final class SummaryMailCost {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final int WARM_UP = 20_000;

    private SummaryMailCost() {}

    public static void main(String[] args) throws Exception {
        ExtractedReport report =
                StoredReportFixtures.report("Google LLC", "example.com", LocalDate.parse("2026-11-28"), 3988, 12);
        Optional<DkimVerdict> dkim = Optional.of(StoredReportFixtures.DKIM);
        SummaryWriter writer = new SummaryWriter(
                new InternetAddress("postmaster@example.com"),
                List.of(new InternetAddress("admin@example.com")),
                "counts at least 1 failed session");
        int[] size = new int[1];
        // CpuTime's own warm-up (15 batches of 20 ms) is a few hundred summaries: too few for the JIT compiler
        for (int i = 0; i < WARM_UP; i++) {
            writer.write(report, dkim, NOW).writeTo(new ByteArrayOutputStream());
        }

        double write = CpuTime.median(() -> writer.write(report, dkim, NOW));
        double writeAndCopy = CpuTime.median(() -> {
            MimeMessage summary = writer.write(report, dkim, NOW);
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            summary.writeTo(copy);
            size[0] = copy.size();
        });

        System.out.printf(Locale.ROOT, "CPU µs per summary (a %,d-byte mail)%n", size[0]);
        System.out.printf(Locale.ROOT, "  %-30s %,10.1f%n", "SummaryWriter.write", write / 1000);
        System.out.printf(Locale.ROOT, "  %-30s %,10.1f%n", "write, then written out once", writeAndCopy / 1000);
    }
}
