package io.github.jamestlsrpt.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderValueTest {

    @Nested
    class TypeAndSimpleParameters {

        @Test
        void shouldLowerCaseTheTypeAndTrimIt() {
            HeaderValue header = HeaderValue.parse("  Application/TLSRPT+GZIP ; name=\"x\"");

            assertThat(header.value()).isEqualTo("application/tlsrpt+gzip");
            assertThat(header.parameter("name")).isEqualTo("x");
        }

        @Test
        void shouldFindParametersWhateverTheCaseOfTheirNames() {
            HeaderValue header = HeaderValue.parse("multipart/report; Report-Type=TLSRPT; BOUNDARY=\"b1\"");

            assertThat(header.parameter("report-type")).isEqualTo("TLSRPT");
            assertThat(header.parameter("Report-Type")).isEqualTo("TLSRPT");
            assertThat(header.parameter("boundary")).isEqualTo("b1");
            assertThat(header.parameters()).containsOnlyKeys("report-type", "boundary");
        }

        @Test
        void shouldKeepEscapedQuotesAndSemicolonsInsideAQuotedValue() {
            HeaderValue header = HeaderValue.parse("attachment; filename=\"a \\\"quoted\\\"; name.json\"; size=1024");

            assertThat(header.value()).isEqualTo("attachment");
            assertThat(header.parameter("filename")).isEqualTo("a \"quoted\"; name.json");
            assertThat(header.parameter("size")).isEqualTo("1024");
        }

        @Test
        void shouldKeepAnEscapedBackslashInsideAQuotedValue() {
            HeaderValue header = HeaderValue.parse("attachment; filename=\"C:\\\\temp\\\\r.json\"");

            assertThat(header.parameter("filename")).isEqualTo("C:\\temp\\r.json");
        }

        @Test
        void shouldReadAFoldedHeaderValue() {
            HeaderValue header =
                    HeaderValue.parse("application/tlsrpt+gzip;\r\n\tname=\"google.com!example.com!1!2.json.gz\"");

            assertThat(header.parameter("name")).isEqualTo("google.com!example.com!1!2.json.gz");
        }

        @Test
        void shouldReadATypeWithoutParameters() {
            HeaderValue header = HeaderValue.parse("text/plain");

            assertThat(header.value()).isEqualTo("text/plain");
            assertThat(header.parameters()).isEmpty();
            assertThat(header.parameter("charset")).isNull();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\r\n\t"})
        void shouldGiveTheEmptyValueForAMissingOrBlankHeader(String header) {
            assertThat(HeaderValue.parse(header)).isEqualTo(HeaderValue.EMPTY);
        }

        @Test
        void shouldNotLetParametersBeChangedFromOutside() {
            HeaderValue header = HeaderValue.parse("text/plain; charset=utf-8");

            assertThatThrownBy(() -> header.parameters().put("charset", "latin1"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Rfc2231 {

        @Test
        void shouldDecodeAnExtendedValueInIso88591() {
            HeaderValue header = HeaderValue.parse("attachment; filename*=ISO-8859-1'de'Gr%FC%DFe%20aus%20K%F6ln.json");

            assertThat(header.parameter("filename")).isEqualTo("Grüße aus Köln.json");
        }

        @Test
        void shouldDecodeAnExtendedValueInUtf8WithoutLanguage() {
            HeaderValue header = HeaderValue.parse("attachment; filename*=utf-8''r%C3%A9sum%C3%A9.json");

            assertThat(header.parameter("filename")).isEqualTo("résumé.json");
        }

        @Test
        void shouldJoinEncodedContinuationsInTheirCharset() {
            HeaderValue header =
                    HeaderValue.parse("attachment; filename*0*=UTF-8''google.com%21example.com%211700000000;"
                            + " filename*1*=%211700086399.json.gz");

            assertThat(header.parameter("filename")).isEqualTo("google.com!example.com!1700000000!1700086399.json.gz");
        }

        @Test
        void shouldJoinAMultiByteCharacterSplitAcrossTwoEncodedSections() {
            HeaderValue header = HeaderValue.parse("attachment; filename*0*=utf-8''caf%C3; filename*1*=%A9.json");

            assertThat(header.parameter("filename")).isEqualTo("café.json");
        }

        @Test
        void shouldNotPercentDecodeAnUnencodedSection() {
            // RFC 2231 section 4.1: "title*2" without a trailing "*" is taken literally
            HeaderValue header =
                    HeaderValue.parse("attachment; filename*0*=UTF-8''a%21b; filename*1=%21c; filename*2=\"d e\"");

            assertThat(header.parameter("filename")).isEqualTo("a!b%21cd e");
        }

        @Test
        void shouldJoinContinuationsInNumericOrderWhateverTheirOrderInTheHeader() {
            HeaderValue header =
                    HeaderValue.parse("attachment; filename*1=\"example.com.json\"; filename*0=\"google.com!\"");

            assertThat(header.parameter("filename")).isEqualTo("google.com!example.com.json");
        }

        @Test
        void shouldJoinTenOrMoreContinuationsNumericallyNotAlphabetically() {
            StringBuilder header = new StringBuilder("attachment");
            for (int i = 11; i >= 0; i--) {
                header.append("; name*").append(i).append("=").append((char) ('a' + i));
            }

            assertThat(HeaderValue.parse(header.toString()).parameter("name")).isEqualTo("abcdefghijkl");
        }

        @Test
        void shouldTakeTheCharsetFromSectionZeroEvenWhenItComesLast() {
            HeaderValue header = HeaderValue.parse("attachment; filename*1*=%E9.json; filename*0*=iso-8859-1''caf");

            assertThat(header.parameter("filename")).isEqualTo("café.json");
        }

        @Test
        void shouldFallBackToUtf8ForAnUnknownCharset() {
            HeaderValue header = HeaderValue.parse("attachment; filename*=x-no-such-charset''r%C3%A9.json");

            assertThat(header.parameter("filename")).isEqualTo("ré.json");
        }

        @Test
        void shouldKeepAPercentSignThatStartsNoEscape() {
            HeaderValue header = HeaderValue.parse("attachment; filename*=utf-8''100%25%zz%4");

            assertThat(header.parameter("filename")).isEqualTo("100%%zz%4");
        }

        @Test
        void shouldPreferTheExtendedValueOverThePlainFallbackWhateverTheirOrder() {
            HeaderValue plainFirst =
                    HeaderValue.parse("attachment; filename=\"r?sum?.json\"; filename*=utf-8''r%C3%A9sum%C3%A9.json");
            HeaderValue extendedFirst =
                    HeaderValue.parse("attachment; filename*=utf-8''r%C3%A9sum%C3%A9.json; filename=\"r?sum?.json\"");

            assertThat(plainFirst.parameter("filename")).isEqualTo("résumé.json");
            assertThat(extendedFirst.parameter("filename")).isEqualTo("résumé.json");
        }

        @Test
        void shouldPreferContinuationsOverThePlainFallback() {
            HeaderValue header = HeaderValue.parse(
                    "attachment; filename=\"fallback.bin\"; filename*0=\"report\"; filename*1=\".json\"");

            assertThat(header.parameter("filename")).isEqualTo("report.json");
        }
    }

    @Nested
    class MalformedInput {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    ";",
                    ";;;;",
                    "=",
                    "\"",
                    "\"\\",
                    "text/plain; =x",
                    "text/plain; name",
                    "text/plain; name=",
                    "text/plain; name=\"unterminated",
                    "text/plain; name=\"a\\",
                    "text/plain; \"quoted; name\"=x",
                    "a/b; name*x=1",
                    "a/b; name**=1",
                    "a/b; *=1",
                    "a/b; *0*=1",
                    "a/b; name*99999999999=x",
                    "a/b; name*-1=x; name*0=y",
                    "a/b; name*0*=%",
                    "a/b; name*0*=%%; name*1*=%F",
                    "a/b; name*=''",
                    "a/b; name*='",
                    "a/b; name*=utf-8'",
                    "a/b; name*0*=unknown-charset''%41",
                    "a/b; name*0*='; name*0*='",
                    "a/b; name*=\u0000\u00ff'\u00ff'%FF%FE",
                    "a/b; name*=utf-8''\ud800",
                    "\u0000\u0001\u0002; \u0003=\u0004"
                })
        void shouldReturnSomethingAndNeverThrow(String header) {
            assertThatCode(() -> HeaderValue.parse(header)).doesNotThrowAnyException();

            HeaderValue parsed = HeaderValue.parse(header);

            assertThat(parsed).isNotNull();
            assertThat(parsed.value()).isNotNull();
            assertThat(parsed.parameters()).isNotNull();
        }

        @Test
        void shouldReadTheParametersBeforeAnUnterminatedQuote() {
            HeaderValue header = HeaderValue.parse("application/gzip; name=\"a.json.gz\"; filename=\"never closed");

            assertThat(header.value()).isEqualTo("application/gzip");
            assertThat(header.parameter("name")).isEqualTo("a.json.gz");
        }

        @Test
        void shouldSkipAParameterWithoutName() {
            HeaderValue header = HeaderValue.parse("application/gzip; =orphan; name=a.json.gz");

            assertThat(header.parameters()).containsOnlyKeys("name");
        }

        @Test
        void shouldNeverThrowForRandomHeaders() {
            Random random = new Random(8460);
            String alphabet = "aZ09/;=*'\"\\% \t\r\n-_.!%41%C3%A9utf-8iso-8859-1";

            for (int i = 0; i < 5_000; i++) {
                StringBuilder header = new StringBuilder();
                int length = random.nextInt(60);
                for (int c = 0; c < length; c++) {
                    header.append(
                            random.nextInt(20) == 0
                                    ? (char) random.nextInt(0x10000)
                                    : alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String input = header.toString();

                assertThatCode(() -> {
                            HeaderValue parsed = HeaderValue.parse(input);
                            assertThat(parsed.value()).isNotNull();
                            assertThat(parsed.parameters()).isNotNull();
                        })
                        .as("header %s", input)
                        .doesNotThrowAnyException();
            }
        }
    }
}
