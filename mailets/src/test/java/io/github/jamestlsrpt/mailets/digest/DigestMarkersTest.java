package io.github.jamestlsrpt.mailets.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.mailets.store.InMemoryReportMailbox;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.ReportMailboxException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DigestMarkersTest {

    private static final MailboxFolder REPORTS = new MailboxFolder("tlsrpt", "TLS-RPT");
    private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");
    private static final String KEY = "daily UTC 0123456789ab 2026-11-28";

    private final InMemoryReportMailbox mailbox = new InMemoryReportMailbox();
    private final DigestMarkers markers = new DigestMarkers(mailbox);

    @Test
    void shouldLetTheFirstClaimOfAKeyWinAndEveryLaterOneLose() throws Exception {
        assertThat(markers.isClaimed(REPORTS, KEY)).isFalse();

        assertThat(markers.claim(REPORTS, KEY, "2026-11-28 (UTC) to [admin@example.com]", NOW))
                .isTrue();
        assertThat(markers.claim(REPORTS, KEY, "again", NOW)).isFalse();
        assertThat(new DigestMarkers(mailbox).claim(REPORTS, KEY, "another server", NOW))
                .isFalse();
        assertThat(markers.claim(REPORTS, KEY + "x", "another digest", NOW)).isTrue();

        assertThat(markers.isClaimed(REPORTS, KEY)).isTrue();
        MailboxFolder folder = DigestMarkers.folderOf(REPORTS);
        assertThat(folder).isEqualTo(new MailboxFolder("tlsrpt", "TLS-RPT/Digests"));
        assertThat(mailbox.messages(folder)).hasSize(2);
        MimeMessage marker = mailbox.parsedMessages(folder).get(0);
        assertThat(marker.getHeader(DigestMarkers.MARKER_HEADER)[0]).startsWith(KEY + "; claim=");
        assertThat(marker.getSubject()).isEqualTo("TLS-RPT digest claimed: 2026-11-28 (UTC) to [admin@example.com]");
        assertThat(marker.getFrom()[0].toString()).isEqualTo("tlsrpt@localhost");
    }

    @Test
    void shouldLoseToAClaimAppendedJustBeforeItsOwn() throws Exception {
        MailboxFolder folder = DigestMarkers.folderOf(REPORTS);
        mailbox.file(
                folder,
                ("X-TLSRPT-Digest-Period: " + KEY + "; claim=other\r\nSubject: x\r\n\r\nx\r\n").getBytes(),
                NOW);

        assertThat(markers.claim(REPORTS, KEY, "late", NOW)).isFalse();
        assertThat(mailbox.messages(folder)).hasSize(1);
    }

    @Test
    void shouldPassOnAMailboxFailure() {
        mailbox.failNextScan("backend down");

        assertThatThrownBy(() -> markers.claim(REPORTS, KEY, "x", NOW))
                .isInstanceOf(ReportMailboxException.class)
                .hasMessage("backend down");
    }
}
