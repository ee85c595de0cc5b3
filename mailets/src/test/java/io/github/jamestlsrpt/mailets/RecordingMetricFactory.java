package io.github.jamestlsrpt.mailets;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

/**
 * A MetricFactory that keeps every counter in memory, one per name as James's own does, and counts how often each
 * timer was published: what a test asserts after servicing mails.
 */
final class RecordingMetricFactory implements MetricFactory {

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> timings = new ConcurrentHashMap<>();

    @Override
    public Metric generate(String name) {
        return counters.computeIfAbsent(name, newName -> new Counter());
    }

    @Override
    public TimeMetric timer(String name) {
        return new Timer(name);
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
        throw new UnsupportedOperationException("the plugin times no publisher");
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
        throw new UnsupportedOperationException("the plugin times no publisher");
    }

    /** The value of a counter; 0 when it was never generated. */
    long count(String name) {
        Counter counter = counters.get(name);
        return counter == null ? 0 : counter.getCount();
    }

    /** How many times the timer of this name was stopped and published. */
    long timings(String name) {
        AtomicLong published = timings.get(name);
        return published == null ? 0 : published.get();
    }

    /** Every counter that is not 0, by name. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((name, counter) -> {
            if (counter.getCount() != 0) {
                counts.put(name, counter.getCount());
            }
        });
        return counts;
    }

    /** Every timer name published at least once, with how often. */
    Map<String, Long> timings() {
        Map<String, Long> published = new TreeMap<>();
        timings.forEach((name, count) -> published.put(name, count.get()));
        return published;
    }

    private static final class Counter implements Metric {

        private final AtomicLong value = new AtomicLong();

        @Override
        public void increment() {
            value.incrementAndGet();
        }

        @Override
        public void decrement() {
            value.decrementAndGet();
        }

        @Override
        public void add(int count) {
            value.addAndGet(count);
        }

        @Override
        public void remove(int count) {
            value.addAndGet(-count);
        }

        @Override
        public long getCount() {
            return value.get();
        }
    }

    private final class Timer implements TimeMetric {

        private final String name;
        private final long started = System.nanoTime();

        Timer(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ExecutionResult stopAndPublish() {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            timings.computeIfAbsent(name, newName -> new AtomicLong()).incrementAndGet();
            return new ExecutionResult() {
                @Override
                public Duration elasped() {
                    return elapsed;
                }

                @Override
                public ExecutionResult logWhenExceedP99(Duration threshold) {
                    return this;
                }
            };
        }

        @Override
        public void record(Duration duration) {
            throw new UnsupportedOperationException("James 3.9 only: the plugin must not call it");
        }
    }
}
