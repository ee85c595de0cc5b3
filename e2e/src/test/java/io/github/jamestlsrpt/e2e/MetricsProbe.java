package io.github.jamestlsrpt.e2e;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.james.utils.GuiceProbe;

/**
 * James's own metric registry, as an operator's JMX console or metrics endpoint reads it: the counters ({@code
 * MetricFactory.generate} gives a Dropwizard meter) and the timers the plugin recorded. Reads only, so that a test
 * never creates a metric.
 */
final class MetricsProbe implements GuiceProbe {

    private final MetricRegistry registry;

    @Inject
    MetricsProbe(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Every counter whose name starts with the prefix, by name. */
    Map<String, Long> counters(String prefix) {
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<String, Meter> meter : registry.getMeters().entrySet()) {
            if (meter.getKey().startsWith(prefix)) {
                counts.put(meter.getKey(), meter.getValue().getCount());
            }
        }
        return counts;
    }

    /** How many times the timer of this name was published; 0 when it never was. */
    long timings(String name) {
        Timer timer = registry.getTimers().get(name);
        return timer == null ? 0 : timer.getCount();
    }
}
