package io.github.jamestlsrpt.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reader asks one of java.time's two parsers, chosen by the shape of the text, where it used to ask the offset
 * parser and then the local one: a text said to have a time zone is never a local date-time, and a text said to have
 * none is never an RFC 3339 date-time, so the results are those of asking both in turn.
 */
class TimeZoneShapeTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "2026-11-01T00:00:00.000Z, true",
        "2026-11-01T00:00:00+00:00, true",
        "2026-11-01T00:00:00-05:30, true",
        "2026-11-01T00:00:00+0000, true",
        "2026-11-01T00:00:00+01:00:00, true",
        "2026-11-01T00:00Z, true",
        "2026-11-01 00:00:00Z, true",
        "2026-02-30T00:00:00Z, true",
        "2026-11-01T00:00:00-, true",
        "+12026-11-01T00:00:00Z, true",
        "2026-11-01T00:00:00, false",
        "2026-11-01T00:00:00.1234567, false",
        "2026-11-01T00:00, false",
        "+12026-11-01T00:00:00, false",
        "2026-11-01 00:00:00+00:00, false",
        "2026-11-01, false",
        "BAD, false",
        "'', false"
    })
    void shouldSayWhetherTheTextEndsInATimeZone(String upper, boolean zone) {
        assertThat(JsonReportParser.hasTimeZone(upper)).isEqualTo(zone);

        if (zone) {
            assertThatThrownBy(() -> LocalDateTime.parse(upper)).isInstanceOf(DateTimeParseException.class);
        } else {
            assertThatThrownBy(() -> OffsetDateTime.parse(upper)).isInstanceOf(DateTimeParseException.class);
        }
    }
}
