package io.github.jamestlsrpt.core.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader's shortcut for the usual date-time shape gives what java.time gives, and leaves every other shape. */
class UtcSecondsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-01T00:00:00Z",
                "2026-11-01T23:59:59Z",
                "2024-02-29T12:34:56Z",
                "1970-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "0001-01-01T00:00:00Z"
            })
    void shouldReadTheUsualShapeAsJavaTimeDoes(String text) {
        Instant read = InstantText.utcSeconds(text);

        assertThat(read).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // other shapes, left to the general parser (which reads or rejects them)
                "2026-11-01t00:00:00z",
                "2026-11-01T00:00:00.000Z",
                "2026-11-01T00:00:00+00:00",
                "2026-11-01T00:00:00",
                " 2026-11-01T00:00:00Z",
                "2026-11-01 00:00:00Z",
                "2026/11/01T00:00:00Z",
                "2026-1a-01T00:00:00Z",
                "+026-11-01T00:00:00Z",
                // impossible dates and times, rejected by the general parser
                "2026-02-29T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-11-31T00:00:00Z",
                "2026-11-01T24:00:00Z",
                "2026-11-01T23:60:00Z",
                "2026-11-01T23:59:60Z"
            })
    void shouldLeaveAnyOtherShapeOrAnImpossibleDateToTheGeneralParser(String text) {
        Instant read = InstantText.utcSeconds(text);

        assertThat(read).isNull();
    }
}
