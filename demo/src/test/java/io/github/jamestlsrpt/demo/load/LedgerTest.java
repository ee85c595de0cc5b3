package io.github.jamestlsrpt.demo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.demo.load.Ledger.Sent;
import io.github.jamestlsrpt.demo.load.Ledger.Stored;
import io.github.jamestlsrpt.demo.load.Ledger.Timing;
import io.github.jamestlsrpt.demo.load.Ledger.Verdict;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LedgerTest {

    /** Three mails: r1 in m1, r2 in m2, and r1 again in m3 (a sender retrying). */
    private static final List<Sent> SENT = List.of(
            new Sent("<m1@x>", List.of("r1"), 1_000),
            new Sent("<m2@x>", List.of("r2"), 1_010),
            new Sent("<m3@x>", List.of("r1"), 1_500));

    private static final List<Stored> INBOX =
            List.of(new Stored("<m1@x>", 1_100), new Stored("<m2@x>", 1_200), new Stored("<m3@x>", 1_600));

    @Nested
    class WhenEverythingArrivedOnce {

        @Test
        void shouldFindNoFaultAndTimeEachReportFromTheFirstMailCarryingIt() {
            Verdict verdict = Ledger.check(SENT, List.of(new Stored("r2", 1_090), new Stored("r1", 1_080)), INBOX);

            assertThat(verdict.ok()).isTrue();
            assertThat(verdict.faults()).isEmpty();
            assertThat(verdict.expectedReports()).isEqualTo(2);
            assertThat(verdict.expectedMails()).isEqualTo(3);
            assertThat(verdict.reportLatenciesMillis()).containsExactly(80, 80);
            assertThat(verdict.reportTimings()).containsExactly(new Timing(1_000, 80), new Timing(1_010, 80));
            assertThat(verdict.mailLatenciesMillis()).containsExactly(100, 100, 190);
            assertThat(verdict.lastAppendedAtMillis()).isEqualTo(1_600);
        }
    }

    @Nested
    class WhenSomethingIsWrong {

        @Test
        void shouldDetectAReportThatWasNeverStored() {
            Verdict verdict = Ledger.check(SENT, List.of(new Stored("r1", 1_080)), INBOX);

            assertThat(verdict.ok()).isFalse();
            assertThat(verdict.lostReports()).containsExactly("r2");
            assertThat(verdict.faults()).containsExactly("1 of 2 reports lost, such as r2");
            assertThat(verdict.reportLatenciesMillis()).containsExactly(80);
        }

        @Test
        void shouldDetectAReportStoredTwiceAndLeaveItOutOfTheLatencies() {
            Verdict verdict = Ledger.check(
                    SENT, List.of(new Stored("r1", 1_080), new Stored("r2", 1_090), new Stored("r1", 1_580)), INBOX);

            assertThat(verdict.ok()).isFalse();
            assertThat(verdict.duplicatedReports()).containsExactly("r1");
            assertThat(verdict.lostReports()).isEmpty();
            assertThat(verdict.reportLatenciesMillis()).containsExactly(80);
        }

        @Test
        void shouldDetectAStoredReportThatNoMailCarried() {
            Verdict verdict = Ledger.check(
                    SENT, List.of(new Stored("r1", 1_080), new Stored("r2", 1_090), new Stored("r9", 1_100)), INBOX);

            assertThat(verdict.ok()).isFalse();
            assertThat(verdict.unexpectedReports()).containsExactly("r9");
        }

        @Test
        void shouldDetectAMailMissingFromTheInboxAndOneDeliveredTwice() {
            List<Stored> inbox =
                    List.of(new Stored("<m1@x>", 1_100), new Stored("<m3@x>", 1_600), new Stored("<m3@x>", 1_700));

            Verdict verdict = Ledger.check(SENT, List.of(new Stored("r1", 1_080), new Stored("r2", 1_090)), inbox);

            assertThat(verdict.ok()).isFalse();
            assertThat(verdict.lostMails()).containsExactly("<m2@x>");
            assertThat(verdict.duplicatedMails()).containsExactly("<m3@x>");
            assertThat(verdict.faults())
                    .containsExactly(
                            "1 of 3 accepted mails missing from the INBOX, such as <m2@x>",
                            "1 of 3 mails in the INBOX more than once, such as <m3@x>");
            assertThat(verdict.mailLatenciesMillis()).containsExactly(100);
        }
    }

    @Nested
    class Percentiles {

        private final long[] hundred = LongStream.rangeClosed(1, 100).toArray();

        @Test
        void shouldTakeTheNearestRank() {
            assertThat(Ledger.percentile(hundred, 50)).isEqualTo(50);
            assertThat(Ledger.percentile(hundred, 90)).isEqualTo(90);
            assertThat(Ledger.percentile(hundred, 99)).isEqualTo(99);
            assertThat(Ledger.percentile(hundred, 100)).isEqualTo(100);
            assertThat(Ledger.percentile(new long[] {7, 9}, 50)).isEqualTo(7);
            assertThat(Ledger.percentile(new long[] {7, 9}, 90)).isEqualTo(9);
        }

        @Test
        void shouldRefuseNoValues() {
            assertThatThrownBy(() -> Ledger.percentile(new long[0], 50)).hasMessage("no values");
        }
    }
}
