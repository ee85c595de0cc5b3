package io.github.jamestlsrpt.mailets.dkim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values computed once per key and kept, up to a number of keys, then forgotten all at once: a flood of made-up
 * keys costs a computation each, never memory. A computation that throws is not remembered. Thread-safe; two
 * threads may compute the same value at once, which is harmless for the pure computations kept here.
 */
final class Remembered<K, V> {

    private final int capacity;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    Remembered(int capacity) {
        this.capacity = capacity;
    }

    V get(K key, Function<K, V> compute) {
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        V value = compute.apply(key);
        if (values.size() >= capacity) {
            values.clear();
        }
        values.put(key, value);
        return value;
    }
}
