package io.github.jamestlsrpt.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.document.StoredReportJson;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Our reader against a plain baseline, over the same gzip bytes in the same JVM (docs/PERFORMANCE.md).
 *
 * <ul>
 *   <li>{@link #ours}: {@link ReportReader#read} (decompress, parse, validate), then the stored document built and
 *       serialised to a counting stream: what the mailet does for each report, less the mailbox.
 *   <li>{@link #baseline}: {@code GZIPInputStream} plus Jackson {@code ObjectMapper.readTree}, mapper built once.
 * </ul>
 *
 * The {@code part*} benchmarks split {@link #ours} into its steps, to show where its time goes; the target is about
 * {@link #ours} against {@link #baseline} only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReaderBenchmark {

    /**
     * {@value SyntheticReports#SMALL} (about 2 KiB gzipped), {@value SyntheticReports#LARGE} (20 MiB of JSON) or
     * {@value SyntheticReports#TINY} (under 1 KiB gzipped); see {@link SyntheticReports}.
     */
    @Param({SyntheticReports.SMALL, SyntheticReports.LARGE, SyntheticReports.TINY})
    public String report;

    private byte[] gzip;
    private ReportReader reader;
    private ObjectMapper mapper;
    private ReadResult.UsableReport alreadyRead;

    @Setup(Level.Trial)
    public void generateAndCheckInput() {
        SyntheticReports.Payload payload = SyntheticReports.named(report);
        reader = new ReportReader();
        mapper = new ObjectMapper();
        SyntheticReports.verify(payload, reader);
        gzip = payload.gzip();
        alreadyRead = (ReadResult.UsableReport) reader.read(gzip).get(0);
        System.out.println();
        System.out.println("# Input: " + payload.describe());
    }

    @Benchmark
    public void ours(Blackhole blackhole) throws IOException {
        List<ReadResult> results = reader.read(new ByteArrayInputStream(gzip));
        for (ReadResult result : results) {
            if (!(result instanceof ReadResult.UsableReport usable)) {
                throw new IllegalStateException("not usable: " + result);
            }
            StoredReport document = StoredReport.of(usable, Provenance.UNKNOWN);
            CountingOutputStream out = new CountingOutputStream();
            StoredReportJson.write(document, out);
            blackhole.consume(out.count());
        }
    }

    @Benchmark
    public void baseline(Blackhole blackhole) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            blackhole.consume(mapper.readTree(in));
        }
    }

    /** Part of {@link #ours}: reading only (decompress, parse, validate, build the model). */
    @Benchmark
    public List<ReadResult> partRead() {
        return reader.read(new ByteArrayInputStream(gzip));
    }

    /** Part of {@link #ours}: the stored document of an already read report, built and serialised. */
    @Benchmark
    public long partDocument() throws IOException {
        StoredReport document = StoredReport.of(alreadyRead, Provenance.UNKNOWN);
        CountingOutputStream out = new CountingOutputStream();
        StoredReportJson.write(document, out);
        return out.count();
    }

    /** The floor under both: inflating the gzip bytes with the JDK's GZIPInputStream, output discarded. */
    @Benchmark
    public long partGunzip() throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 8192)) {
            return in.transferTo(new CountingOutputStream());
        }
    }
}
