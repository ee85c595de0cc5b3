package io.github.jamestlsrpt.mailets.summary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkFreeTest {

    @Test
    void shouldBreakEverySchemeSeparatorInReportText() {
        assertThat(LinkFree.text("see https://a.example and ftp://b.example"))
                .isEqualTo("see https[:]//a.example and ftp[:]//b.example");
        assertThat(LinkFree.text(null)).isEmpty();
    }

    @Test
    void shouldLeaveNoDotOrColonInADefangedUri() {
        assertThat(LinkFree.defanged("https://reports.example/x?a=1")).isEqualTo("https[:]//reports[.]example/x?a=1");
        assertThat(LinkFree.defanged("mailto:tlsrpt@example.com")).isEqualTo("mailto[:]tlsrpt@example[.]com");
        assertThat(LinkFree.defanged(null)).isEmpty();
    }

    @Test
    void shouldEscapeTheFiveHtmlCharacters() {
        assertThat(Html.escape("<a href='x' title=\"y\">&</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }
}
