package io.github.jamestlsrpt.demo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WithoutPluginTest {

    /** The repository's sample, as the load run reads it (tests run in the demo module's folder). */
    private static String sample() throws IOException {
        return Files.readString(Path.of("..", "conf-samples", "mailetcontainer.xml"), StandardCharsets.UTF_8);
    }

    @Test
    void shouldTakeOutTheRoutingOfReportMailsAndThePluginsProcessorsAndNothingElse() throws IOException {
        String sample = sample();

        String variant = WithoutPlugin.of(sample);

        assertThat(sample).contains("tlsrpt-report-mail", "io.github.jamestlsrpt", "state=\"tlsrpt\"");
        assertThat(variant)
                .doesNotContain("name=\"tlsrpt-report-mail\"", "match=\"tlsrpt-report-mail\"")
                .doesNotContain("state=\"tlsrpt\"", "state=\"tlsrpt-error\"")
                .doesNotContain("class=\"io.github.jamestlsrpt");
        assertThat(variant)
                .contains("state=\"root\"", "class=\"PostmasterAlias\"", "<processor>transport</processor>")
                .contains("state=\"local-delivery\"", "class=\"LocalDelivery\"")
                .contains("state=\"relay\"", "state=\"error\"", "<threads>20</threads>");
    }

    @Test
    void shouldRefuseAConfigurationWithoutThePluginRatherThanCompareItWithItself() throws IOException {
        String once = WithoutPlugin.of(sample());

        assertThatThrownBy(() -> WithoutPlugin.of(once))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected the matcher tlsrpt-report-mail once, found it 0 times");
    }

    @Test
    void shouldRefuseWhatIsNotXml() {
        assertThatThrownBy(() -> WithoutPlugin.of("<mailetcontainer>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a readable mailetcontainer.xml");
    }
}
