package io.github.jamestlsrpt.mailets.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RememberedTest {

    private final AtomicInteger computations = new AtomicInteger();
    private final Function<String, Integer> length = text -> {
        computations.incrementAndGet();
        return text.length();
    };

    @Test
    void shouldComputeAValueOnceAndGiveItAgain() {
        Remembered<String, Integer> remembered = new Remembered<>(4);

        assertThat(remembered.get("abc", length)).isEqualTo(3);
        assertThat(remembered.get("abc", length)).isEqualTo(3);
        assertThat(computations).hasValue(1);
    }

    @Test
    void shouldForgetEverythingWhenFullAndComputeAgain() {
        Remembered<String, Integer> remembered = new Remembered<>(2);
        remembered.get("a", length);
        remembered.get("bb", length);

        assertThat(remembered.get("ccc", length)).isEqualTo(3); // full: forgets a and bb, keeps ccc
        assertThat(remembered.get("a", length)).isEqualTo(1);
        assertThat(remembered.get("ccc", length)).isEqualTo(3);
        assertThat(computations).hasValue(4);
    }

    @Test
    void shouldNotRememberAComputationThatThrows() {
        Remembered<String, Integer> remembered = new Remembered<>(4);
        Function<String, Integer> failing = text -> {
            computations.incrementAndGet();
            throw new IllegalStateException("no value for " + text);
        };

        assertThatThrownBy(() -> remembered.get("x", failing)).hasMessage("no value for x");
        assertThatThrownBy(() -> remembered.get("x", failing)).hasMessage("no value for x");
        assertThat(computations).hasValue(2);
    }
}
