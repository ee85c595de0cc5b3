package io.github.jamestlsrpt.mailets;

import java.time.Duration;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

/**
 * A MetricFactory that records nothing: for the constructors that are given none (tests, and code that builds a
 * mailet outside James). Only what James 3.8 and 3.9 share is relied on; {@link TimeMetric#stopAndPublish()} gives a
 * zero duration.
 */
final class NoMetricFactory implements MetricFactory {

    static final NoMetricFactory INSTANCE = new NoMetricFactory();

    private static final Metric NO_METRIC = new NoMetric();
    private static final TimeMetric.ExecutionResult NO_TIME = new NoTime();

    private NoMetricFactory() {}

    @Override
    public Metric generate(String name) {
        return NO_METRIC;
    }

    @Override
    public TimeMetric timer(String name) {
        return new NoTimer(name);
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
        return publisher;
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
        return publisher;
    }

    private static final class NoMetric implements Metric {

        @Override
        public void increment() {
            // nothing recorded
        }

        @Override
        public void decrement() {
            // nothing recorded
        }

        @Override
        public void add(int value) {
            // nothing recorded
        }

        @Override
        public void remove(int value) {
            // nothing recorded
        }

        @Override
        public long getCount() {
            return 0;
        }
    }

    private record NoTimer(String name) implements TimeMetric {

        @Override
        public ExecutionResult stopAndPublish() {
            return NO_TIME;
        }

        /** James 3.9 only; never called by this plugin, which stays within what 3.8 has. */
        @Override
        public void record(Duration duration) {
            // nothing recorded
        }
    }

    private static final class NoTime implements TimeMetric.ExecutionResult {

        @Override
        public Duration elasped() {
            return Duration.ZERO;
        }

        @Override
        public TimeMetric.ExecutionResult logWhenExceedP99(Duration threshold) {
            return this;
        }
    }
}
