package io.github.jamestlsrpt.demo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.demo.load.LoadRun.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LoadRunOptionsTest {

    private static final List<String> JAR = List.of("--plugin-jar", "demo/target/plugin/x-james38.jar");

    @Test
    void shouldRunTheDocumentedLoadByDefault() {
        Options options = Options.parse(JAR);

        assertThat(options.scenario()).isEqualTo("load");
        assertThat(options.mails()).isEqualTo(20_000);
        assertThat(options.clients()).isEqualTo(8);
        assertThat(options.duplicates()).isEqualTo(5);
        assertThat(options.rate()).isZero();
        assertThat(options.rounds()).isEqualTo(5);
        assertThat(options.warmUpRounds()).isEqualTo(1);
        assertThat(options.serverWarmUpMails()).isZero();
        assertThat(options.roundMails()).isEqualTo(2000);
        assertThat(options.searchThreadIds()).isFalse();
        assertThat(options.sameServer()).isFalse();
        assertThat(options.confSamples()).isEqualTo(Path.of("conf-samples"));
    }

    @Test
    void shouldTakeEveryOption() {
        Options options = Options.parse(concat(
                "--scenario",
                "reports",
                "--mails",
                "500",
                "--clients",
                "3",
                "--duplicates",
                "10",
                "--rate",
                "25",
                "--rounds",
                "7",
                "--warm-up-rounds",
                "3",
                "--server-warm-up-mails",
                "1500",
                "--round-mails",
                "400",
                "--thread-ids",
                "search",
                "--same-server"));

        assertThat(options.scenario()).isEqualTo("reports");
        assertThat(options.mails()).isEqualTo(500);
        assertThat(options.clients()).isEqualTo(3);
        assertThat(options.duplicates()).isEqualTo(10);
        assertThat(options.rate()).isEqualTo(25);
        assertThat(options.rounds()).isEqualTo(7);
        assertThat(options.warmUpRounds()).isEqualTo(3);
        assertThat(options.serverWarmUpMails()).isEqualTo(1500);
        assertThat(options.roundMails()).isEqualTo(400);
        assertThat(options.searchThreadIds()).isTrue();
        assertThat(options.sameServer()).isTrue();
    }

    @Test
    void shouldRefuseWhatItDoesNotKnowAndSayWhy() {
        assertThatThrownBy(() -> Options.parse(concat("--scenario", "fast")))
                .hasMessage("--scenario is load, plain, reports or all, not fast");
        assertThatThrownBy(() -> Options.parse(concat("--duplicates", "60")))
                .hasMessage("--duplicates takes a whole number from 0 to 50, not 60");
        assertThatThrownBy(() -> Options.parse(concat("--thread-ids", "cassandra")))
                .hasMessage("--thread-ids is naive or search, not cassandra");
        assertThatThrownBy(() -> Options.parse(concat("--clients"))).hasMessage("--clients needs a value");
        assertThatThrownBy(() -> Options.parse(List.of("--mails", "10")))
                .hasMessage("--plugin-jar is required (load.sh gives it)");
    }

    @Test
    void shouldOnlyAskForHelp() {
        assertThat(Options.parse(List.of("--help")).help()).isTrue();
        assertThat(Options.parse(List.of("--mails", "10", "-h", "--no-such-option"))
                        .help())
                .isTrue();
        assertThat(Options.parse(JAR).help()).isFalse();
    }

    private static List<String> concat(String... args) {
        return Stream.concat(JAR.stream(), Stream.of(args)).toList();
    }
}
