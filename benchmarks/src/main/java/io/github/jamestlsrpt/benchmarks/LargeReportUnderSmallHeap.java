package io.github.jamestlsrpt.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Shows whether the 20 MiB report is handled in a small heap: generates it (gzipped, in memory), then reads it
 * several times through {@link ReportReader} and builds and serialises its stored document, checking the outcome
 * each time, and prints the time and the heap used. Exits 0 when every run succeeded, 1 otherwise (including
 * OutOfMemoryError).
 *
 * <pre>
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar io.github.jamestlsrpt.benchmarks.LargeReportUnderSmallHeap
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar io.github.jamestlsrpt.benchmarks.LargeReportUnderSmallHeap baseline
 * </pre>
 *
 * The argument {@code baseline} runs GZIPInputStream plus Jackson readTree over the same bytes instead. An optional
 * second argument sets the number of runs (default 5).
 */
public final class LargeReportUnderSmallHeap {

    private static final long MIB = SyntheticReports.MIB;

    private final Set<String> heapPools = new HashSet<>();
    /** Highest heap occupancy seen: just before a collection, or when sampled. */
    private final AtomicLong peakUsed = new AtomicLong();
    /** Highest heap occupancy right after a collection: what was still reachable. */
    private final AtomicLong peakAfterGc = new AtomicLong();

    private final AtomicLong collections = new AtomicLong();

    private LargeReportUnderSmallHeap() {}

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "ours";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!mode.equals("ours") && !mode.equals("baseline")) {
            System.err.println("usage: LargeReportUnderSmallHeap [ours|baseline] [runs]");
            System.exit(2);
        }
        System.exit(new LargeReportUnderSmallHeap().run(mode, runs));
    }

    private int run(String mode, int runs) {
        watchCollections();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "JVM: %s %s, max heap %d MiB, collectors %s%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                runtime.maxMemory() / MIB,
                collectorNames());

        SyntheticReports.Payload payload = SyntheticReports.large();
        System.out.println("Input: " + payload.describe());
        ReportReader reader = new ReportReader();
        ObjectMapper mapper = new ObjectMapper();

        boolean failed = false;
        for (int run = 1; run <= runs; run++) {
            System.gc();
            pause(); // let the notification of that collection arrive before the figures are reset
            long baseline = usedHeap();
            peakUsed.set(baseline);
            peakAfterGc.set(baseline);
            long collectionsBefore = collections.get();
            long start = System.nanoTime();
            String outcome;
            try {
                outcome = mode.equals("ours") ? ours(payload, reader) : baseline(payload, mapper);
            } catch (OutOfMemoryError outOfMemory) {
                outcome = "FAILED: OutOfMemoryError: " + outOfMemory.getMessage();
                failed = true;
            } catch (RuntimeException | IOException failure) {
                outcome = "FAILED: " + failure;
                failed = true;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            sample();
            pause(); // GC notifications arrive on another thread
            System.out.printf(
                    Locale.ROOT,
                    "run %d (%s): %s; %d ms; heap before the run %.1f MiB, peak %.1f MiB,"
                            + " largest after a GC %.1f MiB, %d GCs%n",
                    run,
                    mode,
                    outcome,
                    millis,
                    baseline / (double) MIB,
                    peakUsed.get() / (double) MIB,
                    peakAfterGc.get() / (double) MIB,
                    collections.get() - collectionsBefore);
            if (failed) {
                break;
            }
        }
        System.out.println(failed ? "RESULT: FAILED" : "RESULT: OK");
        return failed ? 1 : 0;
    }

    private static String ours(SyntheticReports.Payload payload, ReportReader reader) {
        long documentBytes = SyntheticReports.verify(payload, reader);
        return String.format(
                Locale.ROOT,
                "usable report, %,d failure details, stored document of %,d bytes",
                payload.failureDetails(),
                documentBytes);
    }

    private static String baseline(SyntheticReports.Payload payload, ObjectMapper mapper) throws IOException {
        JsonNode tree;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(payload.gzip()))) {
            tree = mapper.readTree(in);
        }
        int details = 0;
        for (JsonNode policy : tree.path("policies")) {
            details += policy.path("failure-details").size();
        }
        if (details != payload.failureDetails()) {
            throw new IllegalStateException("the tree has " + details + " failure details");
        }
        return String.format(Locale.ROOT, "tree with %,d failure details", details);
    }

    // ------------------------------------------------------------------------------------------ heap figures

    private void watchCollections() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(
                        (notification, handback) -> {
                            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                    notification.getType())) {
                                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                collections.incrementAndGet();
                                peakUsed.accumulateAndGet(
                                        heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
                                peakAfterGc.accumulateAndGet(
                                        heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
                            }
                        },
                        null,
                        null);
            }
        }
    }

    private long heapUsed(Map<String, MemoryUsage> usageByPool) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> entry : usageByPool.entrySet()) {
            if (heapPools.contains(entry.getKey())) {
                used += entry.getValue().getUsed();
            }
        }
        return used;
    }

    private void sample() {
        peakUsed.accumulateAndGet(usedHeap(), Math::max);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String collectorNames() {
        StringBuilder names = new StringBuilder();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.append(names.length() == 0 ? "" : ", ").append(collector.getName());
        }
        return names.toString();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
