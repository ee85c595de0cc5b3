package io.github.jamestlsrpt.benchmarks;

import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mailets.store.ExactlyOnceReportStore;
import io.github.jamestlsrpt.mailets.store.JamesReportMailbox;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.ReportMailbox;
import io.github.jamestlsrpt.mailets.store.ReportMessageWriter;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.james.mailbox.MessageUid;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Storing one more report into a folder that already holds {@code stored} reports, through the plugin's real path:
 * {@code ExactlyOnceReportStore} (deduplication: keys of the folder in memory, and a look at the messages added
 * since the last store, by UID) over {@code JamesReportMailbox} over James's {@code InMemoryMailboxManager}.
 *
 * <ul>
 *   <li>{@code store}: the steady state, what the growth target is about. The store has been used before (it has read
 *       the folder's keys once); one operation stores a report with a new key: the key check, the look at the
 *       messages added since the last store (the one stored by the operation before), the append.
 *   <li>{@code storeAfterRestart}: the first store of a new {@code ExactlyOnceReportStore} (as after a restart of
 *       James): the same, plus reading the keys of every message of the folder.
 * </ul>
 *
 * <p>The folder is filled once per trial (fork) through the same store, with distinct reports written by the real
 * {@code ReportMessageWriter}. The message stored by an operation is the writer's message of a fixed report with its
 * key (in the {@code X-TLSRPT-Deduplication-Key} header and the Message-ID) replaced by a fresh one, outside the timed
 * part. To keep the folder at its size, the message an operation stored is deleted after the next operation (outside
 * the timed part), so that each store finds one new message to look at, as in a running James. The setup checks
 * the folder's size before and after.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StoreGrowthBenchmark {

    static final MailboxFolder FOLDER = new MailboxFolder(StoredReportFixtures.USER, "TLS-RPT");
    private static final LocalDate DAY = LocalDate.parse("2026-11-28");

    /** The folder, filled with {@code stored} reports, and the message that one operation stores. */
    @State(Scope.Benchmark)
    public static class Folder {

        @Param({"100", "1000", "10000"})
        public int stored;

        JamesMemoryMailbox james;
        ReportMailbox mailbox;
        private byte[] template;
        private List<Integer> keyOffsets;
        private long nextKey = 1L << 40;
        byte[] message;
        String key;
        private MessageUid toDelete;
        private long nextUid;

        @Setup(Level.Trial)
        public void fill() throws Exception {
            james = new JamesMemoryMailbox();
            mailbox = new JamesReportMailbox(james.manager());
            ReportMessageWriter writer = new ReportMessageWriter(new InternetAddress(StoredReportFixtures.USER));
            ExactlyOnceReportStore filler = new ExactlyOnceReportStore(mailbox);
            Instant now = Instant.parse("2026-11-29T02:00:00Z");
            for (int i = 0; i < stored; i++) {
                ExtractedReport report =
                        StoredReportFixtures.report("Google LLC", StoredReportFixtures.domain(i), DAY, 1000 + i, i % 7);
                ExactlyOnceReportStore.Result result =
                        filler.store(FOLDER, ReportMessageWriter.keyOf(report), writer.write(report, null, now));
                check(result == ExactlyOnceReportStore.Result.STORED, "report " + i + " was not stored");
            }
            check(james.count(FOLDER) == stored, "the folder holds " + james.count(FOLDER) + " messages");
            nextUid = stored + 1L;

            ExtractedReport template = StoredReportFixtures.report(
                            "Microsoft Corporation", "new.example", DAY, 5000, 12)
                    .withDeduplicationKey(key(0));
            this.template = writer.write(template, StoredReportFixtures.DKIM, now);
            keyOffsets = offsets(this.template, key(0).getBytes(StandardCharsets.US_ASCII));
            check(keyOffsets.size() >= 2, "the key is in " + keyOffsets.size() + " places of the message");
        }

        /** A new key, and the template message carrying it. */
        void next() {
            key = key(nextKey++);
            byte[] bytes = template.clone();
            byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
            for (int offset : keyOffsets) {
                System.arraycopy(keyBytes, 0, bytes, offset, keyBytes.length);
            }
            message = bytes;
        }

        /** Deletes the message of the operation before this one, keeping the folder at its size (plus one). */
        void stored() throws Exception {
            if (toDelete != null) {
                james.delete(FOLDER, toDelete);
            }
            toDelete = MessageUid.of(nextUid++);
        }

        @TearDown(Level.Trial)
        public void checkSize() throws Exception {
            long count = james.count(FOLDER);
            check(count == stored + 1L, "the folder holds " + count + " messages after the run, not " + (stored + 1));
        }

        private static String key(long value) {
            return String.format("%064x", value);
        }
    }

    /** The steady state: one store, reused by every operation. */
    @State(Scope.Benchmark)
    public static class Running {
        ExactlyOnceReportStore store;

        @Setup(Level.Trial)
        public void start(Folder folder) throws Exception {
            store = new ExactlyOnceReportStore(folder.mailbox);
            folder.next();
            check(
                    store.store(FOLDER, folder.key, folder.message) == ExactlyOnceReportStore.Result.STORED,
                    "the first report was not stored");
            folder.stored();
        }

        @Setup(Level.Invocation)
        public void nextReport(Folder folder) {
            folder.next();
        }

        @TearDown(Level.Invocation)
        public void keepSize(Folder folder) throws Exception {
            folder.stored();
        }
    }

    /** After a restart: a new store for every operation. */
    @State(Scope.Benchmark)
    public static class Restarted {
        ExactlyOnceReportStore store;

        @Setup(Level.Invocation)
        public void restart(Folder folder) {
            store = new ExactlyOnceReportStore(folder.mailbox);
            folder.next();
        }

        @TearDown(Level.Invocation)
        public void keepSize(Folder folder) throws Exception {
            folder.stored();
        }
    }

    @Benchmark
    public ExactlyOnceReportStore.Result store(Folder folder, Running running) throws Exception {
        return running.store.store(FOLDER, folder.key, folder.message);
    }

    @Benchmark
    public ExactlyOnceReportStore.Result storeAfterRestart(Folder folder, Restarted restarted) throws Exception {
        return restarted.store.store(FOLDER, folder.key, folder.message);
    }

    static List<Integer> offsets(byte[] haystack, byte[] needle) {
        List<Integer> found = new ArrayList<>();
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            found.add(i);
        }
        return found;
    }

    static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("benchmark setup: " + problem);
        }
    }
}
