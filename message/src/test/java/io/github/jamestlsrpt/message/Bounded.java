package io.github.jamestlsrpt.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs hostile input under a safety net: a time bound (the work is abandoned when it is exceeded) and a bound on the
 * bytes the working thread allocates (com.sun.management.ThreadMXBean, all allocations counted, freed or not). The
 * bounds are generous, many times what the work needs on a slow machine: they catch a reader that inflates a bomb,
 * buffers a whole payload or loops, not a slowdown. They are not performance measurements.
 */
final class Bounded {

    static final long MIB = 1024L * 1024L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Bounded() {}

    /** The work's result, after checking that it ended within the time and allocated at most the bytes given. */
    static <T> T within(Duration time, long maxAllocatedBytes, Supplier<T> work) {
        long[] allocated = new long[1];
        T result = assertTimeoutPreemptively(time, () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            T value = work.get();
            allocated[0] = THREADS.getCurrentThreadAllocatedBytes() - before;
            return value;
        });
        assertThat(allocated[0])
                .as("bytes allocated by the reading thread (bound %d MiB)", maxAllocatedBytes / MIB)
                .isLessThanOrEqualTo(maxAllocatedBytes);
        return result;
    }
}
