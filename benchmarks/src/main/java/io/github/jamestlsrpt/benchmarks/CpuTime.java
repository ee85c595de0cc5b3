package io.github.jamestlsrpt.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The same operations as {@link MatcherBenchmark} and {@link StoreGrowthBenchmark}, timed in CPU time of the thread
 * that runs them instead of elapsed time, for a machine shared with other work: CPU time does not count the time a
 * thread waits for a processor. Operations run in batches of at least 20 ms of CPU (the clock read once per group of
 * operations of at least 1 ms); the median over 21 measured batches is printed, after 15 batches of warm-up. The JIT
 * compiler's and the garbage collector's threads are not counted, nor any work James's mailbox would hand to another
 * thread.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.jamestlsrpt.benchmarks.CpuTime matcher
 * java -cp benchmarks.jar io.github.jamestlsrpt.benchmarks.CpuTime store 100 1000 10000
 * </pre>
 */
public final class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP_BATCHES = 15;
    private static final int BATCHES = 21;
    private static final long BATCH_NANOS = 20_000_000L;

    private CpuTime() {}

    @FunctionalInterface
    interface Operation {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("matcher, or store and the folder sizes");
        }
        if (args[0].equals("matcher")) {
            for (String message : new String[] {"plain", "large", "zip", "report"}) {
                MatcherBenchmark benchmark = new MatcherBenchmark();
                benchmark.message = message;
                benchmark.setUp();
                print("MatcherBenchmark.all", message, median(benchmark::all));
                print("MatcherBenchmark.hasAttachment", message, median(benchmark::hasAttachment));
                print("MatcherBenchmark.isTlsReport", message, median(benchmark::isTlsReport));
                print("MatcherBenchmark.copy", message, median(benchmark::copy));
            }
        } else if (args[0].equals("store")) {
            // a first, unprinted pass over a small folder, so that the first size printed is as warm as the others
            storeBenchmarks("100", false);
            for (int i = 1; i < args.length; i++) {
                storeBenchmarks(args[i], true);
            }
        } else {
            throw new IllegalArgumentException("unknown: " + args[0]);
        }
    }

    /**
     * Only the store is timed, as in {@link StoreGrowthBenchmark}, where choosing the next report and deleting the
     * message stored before are JMH's per-invocation setup and teardown: James's in-memory delete walks the folder.
     */
    private static void storeBenchmarks(String stored, boolean print) throws Exception {
        StoreGrowthBenchmark.Folder folder = new StoreGrowthBenchmark.Folder();
        folder.stored = Integer.parseInt(stored);
        folder.fill();
        StoreGrowthBenchmark benchmark = new StoreGrowthBenchmark();
        StoreGrowthBenchmark.Running running = new StoreGrowthBenchmark.Running();
        running.start(folder);
        double store = medianOfTimed(
                () -> running.nextReport(folder),
                () -> benchmark.store(folder, running),
                () -> running.keepSize(folder));
        StoreGrowthBenchmark.Restarted restarted = new StoreGrowthBenchmark.Restarted();
        double storeAfterRestart = medianOfTimed(
                () -> restarted.restart(folder),
                () -> benchmark.storeAfterRestart(folder, restarted),
                () -> restarted.keepSize(folder));
        folder.checkSize();
        if (print) {
            print("StoreGrowthBenchmark.store", stored, store);
            print("StoreGrowthBenchmark.storeAfterRestart", stored, storeAfterRestart);
        }
    }

    /** As {@link #median}, counting only the CPU time of {@code timed}, read before and after each operation. */
    static double medianOfTimed(Operation before, Operation timed, Operation after) throws Exception {
        double[] perOperation = new double[BATCHES];
        for (int batch = -WARM_UP_BATCHES; batch < BATCHES; batch++) {
            long used = 0;
            long operations = 0;
            while (used < BATCH_NANOS) {
                before.run();
                long start = THREADS.getCurrentThreadCpuTime();
                timed.run();
                used += THREADS.getCurrentThreadCpuTime() - start;
                after.run();
                operations++;
            }
            if (batch >= 0) {
                perOperation[batch] = (double) used / operations;
            }
        }
        Arrays.sort(perOperation);
        return perOperation[BATCHES / 2];
    }

    /** The median CPU time of one operation, in nanoseconds. */
    static double median(Operation operation) throws Exception {
        long group = 1;
        while (true) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (long i = 0; i < group; i++) {
                operation.run();
            }
            if (THREADS.getCurrentThreadCpuTime() - start >= 1_000_000L) {
                break;
            }
            group *= 2;
        }
        double[] perOperation = new double[BATCHES];
        for (int batch = -WARM_UP_BATCHES; batch < BATCHES; batch++) {
            long start = THREADS.getCurrentThreadCpuTime();
            long operations = 0;
            long used;
            do {
                for (long i = 0; i < group; i++) {
                    operation.run();
                }
                operations += group;
                used = THREADS.getCurrentThreadCpuTime() - start;
            } while (used < BATCH_NANOS);
            if (batch >= 0) {
                perOperation[batch] = (double) used / operations;
            }
        }
        Arrays.sort(perOperation);
        return perOperation[BATCHES / 2];
    }

    private static void print(String benchmark, String parameter, double nanos) {
        System.out.printf(
                Locale.ROOT,
                "%-40s %8s %,16.0f ns/op (CPU, median of %d batches)%n",
                benchmark,
                parameter,
                nanos,
                BATCHES);
    }
}
