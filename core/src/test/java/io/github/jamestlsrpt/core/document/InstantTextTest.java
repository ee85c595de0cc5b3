package io.github.jamestlsrpt.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-14T00:00:00Z",
                "2026-03-14T23:59:59Z",
                "2024-02-29T12:34:56Z",
                "1970-01-01T00:00:00Z",
                "1000-01-01T00:00:00Z",
                "0999-12-31T23:59:59Z",
                "9999-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z",
                "2024-05-01T23:59:59.500Z",
                "2024-05-01T23:59:59.000000001Z",
                "2024-05-01T23:59:00Z",
                "2024-05-01T00:00:00Z"
            })
    void shouldWriteWhatInstantToStringWrites(String text) {
        Instant instant = Instant.parse(text);

        assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
    }

    @Test
    void shouldWriteWhatInstantToStringWritesForRandomInstantsOfEveryYear() {
        Random random = new Random(8460);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-40_000_000_000L, 260_000_000_000L);
            Instant instant = Instant.ofEpochSecond(seconds, i % 10 == 0 ? random.nextInt(1_000_000_000) : 0);

            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
    }
}
