package io.github.jamestlsrpt.mailets.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
}
