package io.github.jamestlsrpt.matchers;

import static io.github.jamestlsrpt.mail.ReportOutcome.ACCEPTED;
import static io.github.jamestlsrpt.mail.ReportOutcome.INVALID;
import static io.github.jamestlsrpt.mail.ReportOutcome.OUT_OF_SCOPE;
import static io.github.jamestlsrpt.mail.ReportOutcome.UNAUTHENTICATED;
import static io.github.jamestlsrpt.matchers.Mails.init;
import static io.github.jamestlsrpt.matchers.Mails.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.MessageStatus;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import jakarta.mail.MessagingException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtractionOutcomeMatchersTest {

    private static final DkimVerdict PASS = DkimVerdict.pass("google.com", "d=google.com passes, aligned with From");
    private static final DkimVerdict FAIL = DkimVerdict.fail("the signature of d=google.com does not verify");

    /** One report as extraction leaves it: the figures matter here, the rest is plausible filler. */
    static ExtractedReport report(ReportOutcome outcome, long successful, long failed) {
        boolean invalid = outcome == INVALID;
        return new ExtractedReport(
                "2",
                null,
                "google.com!example.com!1699920000!1700006399!001.json.gz",
                "application/tlsrpt+gzip",
                outcome,
                outcome == ACCEPTED ? null : "the report is " + outcome.wireName(),
                invalid ? null : "2023-11-14T00:00:00Z_example.com",
                invalid ? null : "Google Inc.",
                invalid ? List.of() : List.of("example.com"),
                invalid ? null : "google inc.|2023-11-14T00:00:00Z_example.com|2023-11-14",
                invalid ? 0 : successful,
                invalid ? 0 : failed,
                invalid ? null : "{\"report-id\": \"2023-11-14T00:00:00Z_example.com\"}",
                "[]",
                new byte[] {0x1f, (byte) 0x8b},
                null);
    }

    static FakeMail extracted(DkimVerdict dkim, ExtractedReport... reports) {
        FakeMail mail = Mails.bareMail("mail-1");
        TlsReportAttributes.writeExtraction(mail, dkim, List.of(reports));
        return mail;
    }

    private static <T extends Matcher> T matcher(Supplier<T> type, String condition) throws MessagingException {
        return init(type.get(), condition);
    }

    @Nested
    class Failures {

        private Collection<MailAddress> match(String condition, FakeMail mail) throws MessagingException {
            return matcher(HasTlsReportFailures::new, condition).match(mail);
        }

        @Test
        void shouldMatchAnAcceptedReportWithOneFailedSessionByDefault() throws MessagingException {
            FakeMail mail = extracted(PASS, report(ACCEPTED, 120, 1));

            assertThat(match(null, mail)).containsExactly(recipient());
        }

        @Test
        void shouldNotMatchAReportWithoutFailures() throws MessagingException {
            assertThat(match(null, extracted(PASS, report(ACCEPTED, 120, 0)))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"unauthenticated", "out-of-scope", "invalid"})
        void shouldCountOnlyAcceptedReportsByDefault(String outcome) throws MessagingException {
            ReportOutcome notAccepted = ReportOutcome.fromWireName(outcome).orElseThrow();

            assertThat(match(null, extracted(FAIL, report(notAccepted, 0, 500))))
                    .isEmpty();
        }

        @Test
        void shouldCountTheOutcomesItIsGiven() throws MessagingException {
            FakeMail mail = extracted(PASS, report(OUT_OF_SCOPE, 10, 5));

            assertThat(match("outcomes=accepted, out-of-scope", mail)).containsExactly(recipient());
            assertThat(match("outcomes=unauthenticated", mail)).isEmpty();
        }

        @Test
        void shouldMatchWhenAnyReportMeetsTheCondition() throws MessagingException {
            FakeMail mail = extracted(PASS, report(ACCEPTED, 120, 0), report(ACCEPTED, 100, 20));

            assertThat(match("minFailedSessions=20", mail)).containsExactly(recipient());
        }

        @Test
        void shouldJudgeEachReportOnItsOwnNeverSummingAcrossReports() throws MessagingException {
            FakeMail mail = extracted(PASS, report(ACCEPTED, 100, 5), report(ACCEPTED, 100, 5));

            assertThat(match("minFailedSessions=10", mail)).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("io.github.jamestlsrpt.matchers.ExtractionOutcomeMatchersTest#failureConditions")
        void shouldApplyTheSessionCountAndTheRateTogether(
                String condition, long successful, long failed, boolean matches) throws MessagingException {
            FakeMail mail = extracted(PASS, report(ACCEPTED, successful, failed));

            assertThat(match(condition, mail)).hasSize(matches ? 1 : 0);
        }

        @Test
        void shouldReadItsDefaults() throws MessagingException {
            HasTlsReportFailures matcher = matcher(HasTlsReportFailures::new, "");

            assertThat(matcher.configuration())
                    .isEqualTo(new HasTlsReportFailures.Configuration(1, Optional.empty(), Set.of(ACCEPTED)));
        }

        @Test
        void shouldReadEveryParameter() throws MessagingException {
            HasTlsReportFailures matcher = matcher(
                    HasTlsReportFailures::new,
                    "minFailedSessions=10; minFailureRate=2.5%; outcomes=accepted,unauthenticated");

            assertThat(matcher.configuration())
                    .isEqualTo(new HasTlsReportFailures.Configuration(
                            10, Optional.of(new BigDecimal("2.5")), Set.of(ACCEPTED, UNAUTHENTICATED)));
        }

        @ParameterizedTest
        @MethodSource("io.github.jamestlsrpt.matchers.ExtractionOutcomeMatchersTest#badFailureConditions")
        void shouldRejectABadValueNamingTheParameterAndWhatIsAllowed(String condition, String message) {
            assertThatThrownBy(() -> matcher(HasTlsReportFailures::new, condition))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage(message);
        }
    }

    static Stream<Arguments> failureConditions() {
        return Stream.of(
                Arguments.of("minFailedSessions=10", 1000, 9, false),
                Arguments.of("minFailedSessions=10", 1000, 10, true),
                Arguments.of("minFailureRate=5", 95, 5, true),
                Arguments.of("minFailureRate=5", 96, 4, false),
                Arguments.of("minFailureRate=5%", 95, 5, true),
                Arguments.of("minFailureRate=2.5", 975, 25, true),
                Arguments.of("minFailureRate=2.5", 976, 24, false),
                Arguments.of("minFailureRate=100", 0, 3, true),
                Arguments.of("minFailureRate=100", 1, 3, false),
                Arguments.of("minFailureRate=0", 1_000_000, 1, true),
                Arguments.of("minFailedSessions=10; minFailureRate=5", 990, 10, false),
                Arguments.of("minFailedSessions=10; minFailureRate=5", 950, 50, true),
                Arguments.of("minFailedSessions=10; minFailureRate=5", 0, 4, false));
    }

    static Stream<Arguments> badFailureConditions() {
        String sessions = "HasTlsReportFailures: minFailedSessions must be an integer from 1 to " + Long.MAX_VALUE;
        String rate = "HasTlsReportFailures: minFailureRate must be a percentage from 0 to 100, such as 5 or 2.5";
        String outcomes = "HasTlsReportFailures: outcomes must be a comma-separated list of accepted, out-of-scope,"
                + " unauthenticated";
        return Stream.of(
                Arguments.of("minFailedSessions=0", sessions + ", was \"0\""),
                Arguments.of("minFailedSessions=ten", sessions + ", was \"ten\""),
                Arguments.of("minFailedSessions=1.5", sessions + ", was \"1.5\""),
                Arguments.of("minFailureRate=101", rate + ", was \"101\""),
                Arguments.of("minFailureRate=-1", rate + ", was \"-1\""),
                Arguments.of("minFailureRate=five", rate + ", was \"five\""),
                Arguments.of("minFailureRate=", rate + ", was \"\""),
                Arguments.of("outcomes=invalid", outcomes + ", was \"invalid\""),
                Arguments.of("outcomes=accepted,", outcomes + ", was \"accepted,\""),
                Arguments.of("outcomes=Accepted", outcomes + ", was \"Accepted\""),
                Arguments.of(
                        "minFailures=3",
                        "HasTlsReportFailures: unknown parameter \"minFailures\"; the parameters are"
                                + " minFailedSessions, minFailureRate, outcomes, written name=value and separated by"
                                + " \";\""));
    }

    @Nested
    class Unauthenticated {

        private Collection<MailAddress> match(FakeMail mail) throws MessagingException {
            return matcher(HasUnauthenticatedTlsReport::new, null).match(mail);
        }

        @Test
        void shouldMatchAReportThatExtractionLeftUnauthenticated() throws MessagingException {
            assertThat(match(extracted(FAIL, report(UNAUTHENTICATED, 10, 0)))).containsExactly(recipient());
        }

        @Test
        void shouldMatchAnUnauthenticatedReportEvenWhenAnotherSignatureOnTheMailPassed() throws MessagingException {
            FakeMail mail = extracted(PASS, report(ACCEPTED, 10, 0), report(UNAUTHENTICATED, 10, 0));

            assertThat(match(mail)).containsExactly(recipient());
        }

        @ParameterizedTest
        @ValueSource(strings = {"fail", "none"})
        void shouldMatchAReportAcceptedUnderTheFlagPolicyWhoseDkimDidNotPass(String verdict) throws MessagingException {
            DkimVerdict dkim = verdict.equals("fail") ? FAIL : DkimVerdict.none();

            assertThat(match(extracted(dkim, report(ACCEPTED, 10, 0)))).containsExactly(recipient());
        }

        @Test
        void shouldMatchAnInvalidReportWhoseDkimFailed() throws MessagingException {
            assertThat(match(extracted(FAIL, report(INVALID, 0, 0)))).containsExactly(recipient());
        }

        @Test
        void shouldNotMatchAnAuthenticatedReport() throws MessagingException {
            assertThat(match(extracted(PASS, report(ACCEPTED, 10, 0)))).isEmpty();
        }

        @Test
        void shouldNotMatchWhenDkimWasNotChecked() throws MessagingException {
            assertThat(match(extracted(DkimVerdict.notChecked(), report(ACCEPTED, 10, 0))))
                    .isEmpty();
        }

        @Test
        void shouldNotMatchAMailWithoutReportsWhateverItsSignature() throws MessagingException {
            assertThat(match(extracted(FAIL))).isEmpty();
        }

        @Test
        void shouldTakeNoParameters() {
            assertThatThrownBy(() -> matcher(HasUnauthenticatedTlsReport::new, "dkim=fail"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("HasUnauthenticatedTlsReport: unknown parameter \"dkim\"; HasUnauthenticatedTlsReport"
                            + " takes no parameters");
        }
    }

    @Nested
    class Invalid {

        private Collection<MailAddress> match(FakeMail mail) throws MessagingException {
            return matcher(HasInvalidTlsReport::new, "").match(mail);
        }

        @Test
        void shouldMatchWhenAnyReportPartWasInvalid() throws MessagingException {
            FakeMail mail = extracted(PASS, report(ACCEPTED, 10, 0), report(INVALID, 0, 0));

            assertThat(match(mail)).containsExactly(recipient());
        }

        @Test
        void shouldNotMatchUsableReports() throws MessagingException {
            FakeMail mail = extracted(FAIL, report(ACCEPTED, 10, 0), report(UNAUTHENTICATED, 1, 1));

            assertThat(match(mail)).isEmpty();
        }

        @Test
        void shouldNotMatchAMailWithoutReports() throws MessagingException {
            assertThat(match(extracted(PASS))).isEmpty();
        }

        @Test
        void shouldMatchByTheStatusWhenTheReportsAttributeWasReplacedByAForeignValue() throws MessagingException {
            FakeMail mail = extracted(PASS, report(INVALID, 0, 0));
            mail.setAttribute(new Attribute(TlsReportAttributes.REPORTS, AttributeValue.of("stripped")));

            assertThat(match(mail)).containsExactly(recipient());
        }

        @Test
        void shouldTakeNoParameters() {
            assertThatThrownBy(() -> matcher(HasInvalidTlsReport::new, "x"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("HasInvalidTlsReport: \"x\" is not name=value; HasInvalidTlsReport takes no"
                            + " parameters");
        }
    }

    @Nested
    class Status {

        @Test
        void shouldMatchTheWorstOutcomeOfTheMail() throws MessagingException {
            FakeMail mail = extracted(PASS, report(ACCEPTED, 10, 0), report(OUT_OF_SCOPE, 10, 0));

            assertThat(matcher(HasTlsReportStatus::new, "status=out-of-scope").match(mail))
                    .containsExactly(recipient());
            assertThat(matcher(HasTlsReportStatus::new, "status=accepted").match(mail))
                    .isEmpty();
        }

        @Test
        void shouldMatchAnyStatusOfItsList() throws MessagingException {
            HasTlsReportStatus matcher = matcher(HasTlsReportStatus::new, "status=no-report, invalid");

            assertThat(matcher.configuration().statuses())
                    .containsExactlyInAnyOrder(MessageStatus.NO_REPORT, MessageStatus.INVALID);
            assertThat(matcher.match(extracted(PASS))).containsExactly(recipient());
            assertThat(matcher.match(extracted(PASS, report(INVALID, 0, 0)))).containsExactly(recipient());
            assertThat(matcher.match(extracted(PASS, report(ACCEPTED, 1, 0)))).isEmpty();
        }

        @Test
        void shouldRequireTheStatus() {
            assertThatThrownBy(() -> matcher(HasTlsReportStatus::new, null))
                    .isInstanceOf(MessagingException.class)
                    .hasMessage("HasTlsReportStatus: parameter status is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"status=", "status=ok", "status=accepted;status=invalid"})
        void shouldRejectAStatusItDoesNotKnow(String condition) {
            assertThatThrownBy(() -> matcher(HasTlsReportStatus::new, condition))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageStartingWith("HasTlsReportStatus: ")
                    .hasMessageContaining("status");
        }

        @Test
        void shouldNameTheAllowedStatuses() {
            assertThatThrownBy(() -> matcher(HasTlsReportStatus::new, "status=ok"))
                    .hasMessage("HasTlsReportStatus: status must be a comma-separated list of accepted, out-of-scope,"
                            + " unauthenticated, invalid, no-report, was \"ok\"");
        }
    }

    static Stream<Arguments> everyOutcomeMatcher() {
        return Stream.of(
                Arguments.of((Supplier<Matcher>) HasTlsReportFailures::new, "outcomes=unauthenticated"),
                Arguments.of((Supplier<Matcher>) HasUnauthenticatedTlsReport::new, ""),
                Arguments.of((Supplier<Matcher>) HasInvalidTlsReport::new, ""),
                Arguments.of(
                        (Supplier<Matcher>) HasTlsReportStatus::new,
                        "status=accepted,out-of-scope,unauthenticated,invalid,no-report"));
    }

    @Nested
    class EveryOutcomeMatcher {

        @ParameterizedTest
        @MethodSource("io.github.jamestlsrpt.matchers.ExtractionOutcomeMatchersTest#everyOutcomeMatcher")
        void shouldNeverMatchAMailThatWasNotExtracted(Supplier<Matcher> type, String condition)
                throws MessagingException {
            Matcher matcher = matcher(type, condition);

            assertThat(matcher.match(Mails.bareMail("mail-1"))).isNotNull().isEmpty();
        }

        @ParameterizedTest
        @MethodSource("io.github.jamestlsrpt.matchers.ExtractionOutcomeMatchersTest#everyOutcomeMatcher")
        void shouldNeverMatchAMailWhoseStatusIsForeign(Supplier<Matcher> type, String condition)
                throws MessagingException {
            FakeMail mail = extracted(FAIL, report(INVALID, 0, 0), report(UNAUTHENTICATED, 0, 9));
            mail.setAttribute(new Attribute(TlsReportAttributes.STATUS, AttributeValue.of(42L)));

            assertThat(matcher(type, condition).match(mail)).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("io.github.jamestlsrpt.matchers.ExtractionOutcomeMatchersTest#everyOutcomeMatcher")
        void shouldReturnEveryRecipientOnAMatch(Supplier<Matcher> type, String condition) throws Exception {
            FakeMail mail = extracted(FAIL, report(INVALID, 0, 0), report(UNAUTHENTICATED, 0, 9));
            mail.setRecipients(List.of(new MailAddress("a@example.com"), new MailAddress("b@example.com")));
            Matcher matcher = matcher(type, condition);

            assertThat(matcher.match(mail))
                    .containsExactly(new MailAddress("a@example.com"), new MailAddress("b@example.com"));
        }

        @ParameterizedTest
        @MethodSource("io.github.jamestlsrpt.matchers.ExtractionOutcomeMatchersTest#everyOutcomeMatcher")
        void shouldNotThrowWhenTheAttributesCannotBeRead(Supplier<Matcher> type, String condition)
                throws MessagingException {
            Mail failing = (Mail) Proxy.newProxyInstance(
                    Mail.class.getClassLoader(), new Class<?>[] {Mail.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getName")) {
                            return "mail-3";
                        }
                        throw new IllegalStateException("the attribute store is gone");
                    });

            assertThat(matcher(type, condition).match(failing)).isNotNull().isEmpty();
        }
    }
}
