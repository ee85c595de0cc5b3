package io.github.jamestlsrpt.mailets.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DocumentHeadTest {

    @Test
    void shouldReadStatusReporterContactAndPeriodOfAStoredDocument() {
        DocumentHead head = DocumentHead.of(StoreFixtures.google().document());

        assertThat(head)
                .isEqualTo(new DocumentHead(
                        "valid",
                        "google llc",
                        "smtp-tls-reporting@google.com",
                        Instant.parse("2026-11-28T00:00:00Z"),
                        Instant.parse("2026-11-28T23:59:59Z")));
        assertThat(head.contactDomain()).isEqualTo("google.com");
    }

    @Test
    void shouldKeepWhatWasReadBeforeTheJsonBreaks() {
        DocumentHead head = DocumentHead.of("{\"status\": \"valid\", \"deduplication-key\": {\"reporter\": \"x\", ");

        assertThat(head).isEqualTo(new DocumentHead("valid", "x", null, null, null));
    }

    @Test
    void shouldLeaveOutMembersOfTheWrongTypeOrForm() {
        DocumentHead head = DocumentHead.of("{\"status\": {\"a\": 1}, \"deduplication-key\": {\"reporter\": 7,"
                + " \"start-datetime\": \"yesterday\", \"end-datetime\": null, \"value\": \"k\"},"
                + " \"report\": {\"contact-info\": [\"a@b\"], \"policies\": []}, \"status\": \"late\"}");

        assertThat(head).isEqualTo(new DocumentHead(null, null, null, null, null));
    }

    @Test
    void shouldHaveNothingForNoDocumentOrNotAnObject() {
        assertThat(DocumentHead.of(null)).isEqualTo(new DocumentHead(null, null, null, null, null));
        assertThat(DocumentHead.of("[1, 2]")).isEqualTo(new DocumentHead(null, null, null, null, null));
        assertThat(DocumentHead.of("not json")).isEqualTo(new DocumentHead(null, null, null, null, null));
    }

    @Test
    void shouldHaveNoContactDomainWithoutAnAtSign() {
        assertThat(new DocumentHead(null, null, "https://reports.example", null, null).contactDomain())
                .isNull();
        assertThat(new DocumentHead(null, null, "mailto:tlsrpt@", null, null).contactDomain())
                .isNull();
        assertThat(new DocumentHead(null, null, null, null, null).contactDomain())
                .isNull();
        assertThat(new DocumentHead(null, null, "mailto:TLSRPT@Example.ORG ", null, null).contactDomain())
                .isEqualTo("example.org");
    }

    @Test
    void shouldReadEveryInstantAsInstantParseDoes() {
        List<String> texts = new ArrayList<>(List.of(
                "2026-11-28T00:00:00Z",
                "2024-02-29T23:59:59Z",
                "2026-02-29T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-11-28T24:00:00Z",
                "2016-12-31T23:59:60Z",
                "2026-11-28T23:60:00Z",
                "2026-11-28t00:00:00z",
                "2026-11-28T00:00:00.5Z",
                "2026-11-28T00:00:00+01:00",
                "0000-01-01T00:00:00Z",
                "2026-11-2800:00:00ZZ",
                "2026-1a-28T00:00:00Z",
                "",
                "yesterday"));
        Random random = new Random(8460);
        String symbols = "0123456789:-TZ+.";
        for (int i = 0; i < 5000; i++) {
            String text = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_402_300_800L))
                    .toString();
            texts.add(text);
            char[] mutated = text.toCharArray();
            mutated[random.nextInt(mutated.length)] = symbols.charAt(random.nextInt(symbols.length()));
            texts.add(new String(mutated));
        }

        for (String text : texts) {
            assertThat(DocumentHead.instant(text)).as(text).isEqualTo(parsed(text));
        }
        assertThat(DocumentHead.instant(null)).isNull();
    }

    private static Instant parsed(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException notAnInstant) {
            return null;
        }
    }
}
