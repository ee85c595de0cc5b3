package io.github.jamestlsrpt.mailets.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.ContentDisposition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.field.Fields;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ContentUtil;
import org.apache.james.mime4j.util.MimeUtil;
import org.junit.jupiter.api.Test;

class MimeWritingTest {

    @Test
    void shouldSendShortPrintableAsciiLinesAsSevenBit() {
        assertThat(encoding("line one\r\n\tline two\r\n")).isEqualTo("7bit");
        assertThat(encoding("x".repeat(998) + "\r\n" + "y".repeat(998))).isEqualTo("7bit");
        assertThat(encoding("")).isEqualTo("7bit");
    }

    @Test
    void shouldSendEverythingElseAsQuotedPrintable() {
        assertThat(encoding("x".repeat(999))).isEqualTo("quoted-printable");
        assertThat(encoding("Müller")).isEqualTo("quoted-printable");
        assertThat(encoding("bare\nline feed")).isEqualTo("quoted-printable");
        assertThat(encoding("bare\rcarriage return")).isEqualTo("quoted-printable");
        assertThat(encoding("ends with a carriage return\r")).isEqualTo("quoted-printable");
        assertThat(encoding("nul\u0000")).isEqualTo("quoted-printable");
        assertThat(encoding("delete\u007f")).isEqualTo("quoted-printable");
    }

    @Test
    void shouldKeepAnAsciiParameterAsItIs() {
        assertThat(pairs(MimeWriting.parameter("filename", "my report (1).json.gz")))
                .containsExactly("filename=my report (1).json.gz");
    }

    @Test
    void shouldEncodeANonAsciiParameterInUtf8ByRfc2231() throws Exception {
        List<NameValuePair> encoded = MimeWriting.parameter("filename", "от чёт;=*'%.json");

        assertThat(pairs(encoded))
                .containsExactly("filename*=UTF-8''%D0%BE%D1%82%20%D1%87%D1%91%D1%82%3B%3D%2A%27%25.json");
        assertThat(jakartaFilename(encoded)).isEqualTo("от чёт;=*'%.json");
    }

    @Test
    void shouldCutALongRfc2231ValueIntoContinuationsWithoutSplittingAnEscape() throws Exception {
        String name = "a" + "報告".repeat(59) + ".json";

        List<NameValuePair> encoded = MimeWriting.parameter("filename", name);

        assertThat(encoded).hasSizeGreaterThan(10);
        assertThat(encoded.get(0).getName()).isEqualTo("filename*0*");
        assertThat(encoded.get(0).getValue()).startsWith("UTF-8''a%E5");
        for (int i = 0; i < encoded.size(); i++) {
            assertThat(encoded.get(i).getName()).isEqualTo("filename*" + i + "*");
            assertThat(encoded.get(i).getValue().length()).isLessThanOrEqualTo(MimeWriting.PARAMETER_SEGMENT + 7);
            assertThat(encoded.get(i).getValue().replace("UTF-8''", "")).matches("([^%]|%[0-9A-F]{2})+");
        }
        assertThat(jakartaFilename(encoded)).isEqualTo(name);
        assertThat(mime4jFilename(encoded)).isEqualTo(name);
    }

    @Test
    void shouldWriteAFieldExactlyAsGivenWithoutFoldingItAgain() throws Exception {
        String key = "9b0b7c7546d348d3b99119a51eb0b0e055aed427be28878500a8bc55ead4d9d0";
        Message message = Message.Builder.of()
                .addField(MimeWriting.field("X-TLSRPT-Deduplication-Key", key))
                .addField(MimeWriting.field("Subject", "folded\r\n here"))
                .setBody(BasicBodyFactory.INSTANCE.textBody("body\r\n", StandardCharsets.US_ASCII))
                .build();

        String written = new String(MimeWriting.bytes(message, 16), StandardCharsets.US_ASCII);

        assertThat(written)
                .contains("\r\nX-TLSRPT-Deduplication-Key: " + key + "\r\n")
                .contains("\r\nSubject: folded\r\n here\r\n")
                .endsWith("\r\n\r\nbody\r\n");
    }

    @Test
    void shouldGiveTheFieldMime4jsParserGivesForTheSameLine() throws Exception {
        List<String[]> fields = List.of(
                new String[] {"Subject", "TLS report for example.com from Google LLC, 2026-11-28"},
                new String[] {"Subject", "=?UTF-8?Q?=C3=84rger?= GmbH,\r\n 2026-11-28"},
                new String[] {"X-TLSRPT-Period", "2026-11-28T00:00:00Z/2026-11-28T23:59:59Z"},
                new String[] {"From", "\"Ärger\" <tlsrpt@example.com>"},
                new String[] {"X-Empty", ""});

        for (String[] field : fields) {
            Field given = MimeWriting.field(field[0], field[1]);
            RawField parsed = RawFieldParser.DEFAULT.parseField(ContentUtil.encode(field[0] + ": " + field[1]));

            assertThat(given.getName()).isEqualTo(parsed.getName());
            assertThat(given.getNameLowerCase()).isEqualTo(parsed.getNameLowerCase());
            assertThat(given.getBody()).as(field[1]).isEqualTo(parsed.getBody());
            assertThat(given.getRaw().toByteArray()).isEqualTo(parsed.getRaw().toByteArray());
        }
    }

    @Test
    void shouldRefuseWhatIsNotAFieldName() {
        for (String name : List.of("", "Sub ject", "Subject:", "X-Ä", "X-\r\nBcc")) {
            assertThatThrownBy(() -> MimeWriting.field(name, "value"))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a header field name");
        }
    }

    private static List<String> pairs(List<NameValuePair> parameters) {
        return parameters.stream()
                .map(pair -> pair.getName() + "=" + pair.getValue())
                .toList();
    }

    private static String encoding(String body) {
        return MimeWriting.transferEncoding(body.getBytes(StandardCharsets.UTF_8))
                .getEncoding();
    }

    private static String jakartaFilename(List<NameValuePair> parameters) throws Exception {
        String header = Fields.contentDisposition("attachment", parameters).getBody();
        return new ContentDisposition(header).getParameter("filename");
    }

    private static String mime4jFilename(List<NameValuePair> parameters) throws Exception {
        String header = MimeUtil.fold(
                        "Content-Disposition: "
                                + Fields.contentDisposition("attachment", parameters)
                                        .getBody(),
                        0)
                + "\r\n\r\n";
        return new DefaultMessageBuilder()
                .parseMessage(new ByteArrayInputStream(header.getBytes(StandardCharsets.US_ASCII)))
                .getFilename();
    }
}
