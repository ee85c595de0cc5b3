package io.github.jamestlsrpt.demo.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jamestlsrpt.demo.load.LoadMails.Mail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadMailsTest {

    @TempDir
    Path directory;

    @Test
    void shouldRepeatTheAskedShareOfReportsEachAtLeastFiftyMailsAfterItsFirstMail() throws IOException {
        List<Mail> mails = new LoadMails(directory).reports(400, 10, "t");

        Map<String, Integer> firstAt = new HashMap<>();
        int repeats = 0;
        for (int i = 0; i < mails.size(); i++) {
            String reportId = mails.get(i).reportIds().get(0);
            Integer first = firstAt.putIfAbsent(reportId, i);
            if (first != null) {
                repeats++;
                assertThat(i - first).isGreaterThanOrEqualTo(LoadMails.DUPLICATE_DISTANCE);
            }
        }
        assertThat(mails).hasSize(400);
        assertThat(repeats).isEqualTo(40);
        assertThat(firstAt).hasSize(360);
        assertThat(mails.stream().map(Mail::messageId).distinct()).hasSize(400);
    }

    @Test
    void shouldWriteSignedReportMailsAboutHostedDomainsAndMarkOneInTenAsFailing() throws IOException {
        List<Mail> mails = new LoadMails(directory).reports(30, 0, "t");

        String first = new String(mails.get(0).bytes(), StandardCharsets.US_ASCII);
        assertThat(first)
                .startsWith("DKIM-Signature: ")
                .contains("a=rsa-sha256;", "c=relaxed/relaxed;", "d=google.com;", "s=20230601;")
                .contains(
                        "TLS-Report-Domain: hosted-0.example\r\n",
                        "Message-ID: " + mails.get(0).messageId());
        assertThat(mails.get(1).envelopeSender()).isEqualTo("tlsrpt-noreply@microsoft.com");
        assertThat(mails.get(2).envelopeSender()).isEqualTo("tlsrpt@mail.ru");
        assertThat(mails.stream().filter(Mail::failing).map(mail -> mail.reportIds()
                        .get(0)))
                .containsExactly("t-3", "t-13", "t-23");
    }

    @Test
    void shouldGiveOneOrdinaryMailInFiveAnAttachment() throws IOException {
        List<Mail> mails = new LoadMails(directory).ordinary(10);

        assertThat(mails).allSatisfy(mail -> assertThat(mail.recipient()).isEqualTo(LoadMails.USER));
        assertThat(mails).allSatisfy(mail -> assertThat(mail.reportIds()).isEmpty());
        assertThat(mails.stream().filter(mail -> new String(mail.bytes(), StandardCharsets.US_ASCII)
                        .contains("Content-Type: application/pdf")))
                .hasSize(2);
        assertThat(mails.get(0).bytes().length).isLessThan(1_000);
        assertThat(mails.get(4).bytes().length).isGreaterThan(64 * 1024);
    }
}
