package io.github.jamestlsrpt.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.demo.Demo.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    private static final List<String> JAR = List.of("--plugin-jar", "demo/target/plugin/x-james38.jar");

    @Test
    void shouldListenOnTheDocumentedPortsAndRunUntilInterruptedByDefault() {
        Options options = Options.parse(JAR);

        assertThat(options.smtpPort()).isEqualTo(2525);
        assertThat(options.imapPort()).isEqualTo(1143);
        assertThat(options.exitAfterSending()).isFalse();
        assertThat(options.confSamples()).isEqualTo(Path.of("conf-samples"));
        assertThat(options.pluginJar()).isEqualTo(Path.of("demo/target/plugin/x-james38.jar"));
    }

    @Test
    void shouldTakeOtherPortsAnyFreePortAndTheBoundedRun() {
        Options options = Options.parse(concat(
                "--smtp-port", "2526", "--imap-port", "0", "--exit-after-sending", "--conf-samples", "/tmp/samples"));

        assertThat(options.smtpPort()).isEqualTo(2526);
        assertThat(options.imapPort()).isZero();
        assertThat(options.exitAfterSending()).isTrue();
        assertThat(options.confSamples()).isEqualTo(Path.of("/tmp/samples"));
    }

    @Test
    void shouldRefuseWhatItDoesNotKnowAndSayWhy() {
        assertThatThrownBy(() -> Options.parse(concat("--smtp", "25"))).hasMessage("unknown option: --smtp");
        assertThatThrownBy(() -> Options.parse(concat("--imap-port", "70000")))
                .hasMessage("--imap-port takes a port number from 0 to 65535, not 70000");
        assertThatThrownBy(() -> Options.parse(concat("--smtp-port"))).hasMessage("--smtp-port needs a value");
        assertThatThrownBy(() -> Options.parse(concat("--smtp-port", "1143")))
                .hasMessage("--smtp-port and --imap-port must differ");
        assertThatThrownBy(() -> Options.parse(List.of())).hasMessageStartingWith("--plugin-jar is required");
    }

    @Test
    void shouldAnswerHelpWithoutAnythingElse() {
        assertThat(Options.parse(List.of("--help")).help()).isTrue();
    }

    private static List<String> concat(String... more) {
        return Stream.concat(JAR.stream(), List.of(more).stream()).toList();
    }
}
