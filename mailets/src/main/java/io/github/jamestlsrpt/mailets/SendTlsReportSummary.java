package io.github.jamestlsrpt.mailets;

import io.github.jamestlsrpt.core.explain.SafeText;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import io.github.jamestlsrpt.mailets.summary.SummaryWriter;
import io.github.jamestlsrpt.matchers.HasTlsReportFailures;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the people responsible for the domains a summary of each TLS report that crosses a threshold: by default,
 * any report with a failed session. One mail per report, multipart/alternative (plain text and HTML saying the same):
 * per policy domain the successful and failed sessions and the failure rate; per failure type the sessions, the
 * receiving MX hosts and IPs, the sending MTAs, the failure-reason-codes, what it means in plain words and the usual
 * fix; whether mail was probably held back (MTA-STS enforce, DANE) or probably went out unencrypted (MTA-STS testing,
 * no policy); DANE host reports named as such; the reporter, the period, the report-id, the DKIM verdict and the
 * report's validation warnings.
 *
 * <p>Which reports: the {@code accepted} reports that {@code io.github.jamestlsrpt.mailets.ExtractTlsReports} left on
 * the mail, each judged on its own totals exactly as {@code io.github.jamestlsrpt.matchers.HasTlsReportFailures}
 * judges them, with the same {@code minFailedSessions} and {@code minFailureRate} (here {@code minFailedSessions=0}
 * means every accepted report, failures or not). Unauthenticated, out-of-scope and invalid reports never give a
 * summary: they are not reports of this server's domains, or anyone's claim (with {@code dkim=flag} a report that no
 * signature authenticates is accepted, and its summary says so in red). When {@code StoreTlsReports} ran before and
 * every report of the mail was already stored (a report sent twice, a retried mail), no summary is sent again. So
 * {@code match="All"} is enough; any matcher in front narrows further.
 *
 * <p>Safety: every value from the report is escaped in the HTML part, shown as text and never as a link (not even
 * additional-information, which is a URI never to be fetched: RFC 8460 section 7), and reaches the Subject only
 * sanitised (no CR or LF). The summary carries {@code Auto-Submitted: auto-generated} (RFC 3834) and
 * {@code X-Auto-Response-Suppress: All} against auto-replies, and the marker header {@value
 * SummaryWriter#MARKER_HEADER}; it never carries the report, so it is no TLS report (IsTlsReport does not match it,
 * extraction finds nothing in it), and a mail carrying the marker header is never summarised: a summary cannot give
 * another summary, wherever it is routed. An incoming Auto-Submitted header is not a reason to skip: reporters send
 * their reports with {@code Auto-Submitted: auto-generated} (Mail.ru does), and those need summaries too.
 *
 * <p>The summary is sent through the mailet context (it enters the root processor, envelope sender {@code from});
 * the processed mail itself is left unchanged. A mail that was not through extraction is left alone. Bad data never
 * throws; when sending fails, a MessagingException keeping the cause is thrown. The summaries sent and failed are
 * counted in James's metrics ({@code tlsrpt.summaries.sent}, {@code tlsrpt.summaries.failed}).
 *
 * <p>Configuration (every parameter with its default; {@code to} has none and is required):
 *
 * <pre>{@code
 * <mailet match="All" class="io.github.jamestlsrpt.mailets.SendTlsReportSummary">
 *     <!-- required: who receives the summaries, comma separated -->
 *     <to>postmaster@example.com</to>
 *     <!-- default: the server's postmaster address; From and envelope sender of the summaries
 *     <from>tlsrpt-summary@example.com</from>
 *     -->
 *     <!-- the fewest failed sessions a report must count; 0: every accepted report -->
 *     <minFailedSessions>1</minFailedSessions>
 *     <!-- default: none; when given, the smallest failure rate a report must also reach, in percent
 *     <minFailureRate>5</minFailureRate>
 *     -->
 * </mailet>
 * }</pre>
 */
public class SendTlsReportSummary extends GenericMailet {

    public static final String TO = "to";
    public static final String FROM = "from";
    public static final String MIN_FAILED_SESSIONS = "minFailedSessions";
    public static final String MIN_FAILURE_RATE = "minFailureRate";

    /** Every parameter this mailet takes, in the order the documentation lists them. */
    public static final List<String> PARAMETERS = List.of(TO, FROM, MIN_FAILED_SESSIONS, MIN_FAILURE_RATE);

    private static final Logger LOGGER = LoggerFactory.getLogger(SendTlsReportSummary.class);
    private static final String NAME = "SendTlsReportSummary";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * The checked configuration.
     *
     * @param to who receives the summaries, never empty, without repeats
     * @param from the From and envelope sender of the summaries; empty for the server's postmaster, looked up when a
     *     summary is sent (James gives mailets its postmaster only once every mailet is loaded)
     * @param condition which reports get a summary (the outcomes are always just accepted)
     */
    public record Configuration(
            List<MailAddress> to, Optional<MailAddress> from, HasTlsReportFailures.Configuration condition) {
        public Configuration {
            to = List.copyOf(to);
            Objects.requireNonNull(from, FROM);
            Objects.requireNonNull(condition, "condition");
        }
    }

    private final Clock clock;
    private final ReportMetrics metrics;
    private Configuration configuration;
    private List<InternetAddress> toHeader;

    /**
     * The constructor James uses.
     *
     * @param metricFactory James's metrics, for the summaries sent and failed (README, "Metrics")
     */
    @Inject
    public SendTlsReportSummary(MetricFactory metricFactory) {
        this(Clock.systemUTC(), metricFactory);
    }

    /** Without metrics. */
    public SendTlsReportSummary() {
        this(Clock.systemUTC());
    }

    /** @param clock gives the Date of the summaries */
    SendTlsReportSummary(Clock clock) {
        this(clock, NoMetricFactory.INSTANCE);
    }

    SendTlsReportSummary(Clock clock, MetricFactory metricFactory) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new ReportMetrics(metricFactory);
    }

    @Override
    public String getMailetInfo() {
        return NAME + ": sends a plain-language summary of each TLS report with failures to the admins";
    }

    @Override
    public void init() throws MessagingException {
        rejectUnknownParameters();
        List<MailAddress> to = AdminAddresses.recipients(NAME, "summaries", getInitParameter(TO));
        Optional<MailAddress> from = AdminAddresses.configuredSender(NAME, getInitParameter(FROM));
        long minFailedSessions = minFailedSessions(getInitParameter(MIN_FAILED_SESSIONS));
        Optional<BigDecimal> minFailureRate = minFailureRate(getInitParameter(MIN_FAILURE_RATE));
        configuration = new Configuration(
                to,
                from,
                new HasTlsReportFailures.Configuration(
                        minFailedSessions, minFailureRate, Set.of(ReportOutcome.ACCEPTED)));
        List<InternetAddress> addresses = new ArrayList<>();
        for (MailAddress address : to) {
            addresses.add(address.toInternetAddress().orElseThrow());
        }
        toHeader = List.copyOf(addresses);
    }

    /** The configuration read by {@link #init()}. */
    public Configuration configuration() {
        return configuration;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (TlsReportAttributes.status(mail).isEmpty()) {
            LOGGER.debug("mail {} was not read by ExtractTlsReports: no summary", mail.getName());
            return;
        }
        MimeMessage message = mail.getMessage();
        if (message != null && message.getHeader(SummaryWriter.MARKER_HEADER) != null) {
            LOGGER.info("mail {} is itself a TLS report summary: no summary of it", mail.getName());
            return;
        }
        List<ExtractedReport> reports = TlsReportAttributes.reports(mail).stream()
                .filter(configuration.condition()::isMetBy)
                .toList();
        if (reports.isEmpty()) {
            return;
        }
        if (everyReportWasAlreadyStored(mail)) {
            LOGGER.info(
                    "mail {}: every report of it was already stored (duplicates): no summary sent again",
                    mail.getName());
            return;
        }
        Optional<DkimVerdict> dkim = TlsReportAttributes.dkim(mail);
        for (ExtractedReport report : reports) {
            send(mail, report, dkim);
        }
    }

    private void send(Mail mail, ExtractedReport report, Optional<DkimVerdict> dkim) throws MessagingException {
        MailAddress from;
        try {
            from = AdminAddresses.sender(NAME, "summary", configuration.from(), getMailetContext());
        } catch (MessagingException noSender) {
            metrics.summaryFailed();
            throw noSender;
        }
        MimeMessage summary;
        try {
            SummaryWriter writer = new SummaryWriter(
                    from.toInternetAddress().orElseThrow(), toHeader, describe(configuration.condition()));
            summary = writer.write(report, dkim, clock.instant());
        } catch (MessagingException | RuntimeException cannotWrite) {
            // not expected for any data: logged, and the other reports still get their summaries
            LOGGER.warn(
                    "mail {}: the summary of TLS report {} could not be written; none sent",
                    mail.getName(),
                    SafeText.of(report.reportId()),
                    cannotWrite);
            metrics.summaryFailed();
            return;
        }
        try {
            getMailetContext().sendMail(from, configuration.to(), summary);
        } catch (MessagingException failure) {
            metrics.summaryFailed();
            throw new MessagingException(
                    NAME + ": the summary of TLS report " + SafeText.of(report.reportId()) + " of mail "
                            + mail.getName() + " could not be sent: " + failure.getMessage(),
                    failure);
        }
        metrics.summarySent();
        LOGGER.info(
                "mail {}: sent the summary of TLS report {} from {} ({} of {} sessions failed) to {}",
                mail.getName(),
                SafeText.of(report.reportId()),
                SafeText.of(report.organization()),
                report.failedSessions(),
                report.totalSessions(),
                configuration.to());
    }

    /** True when StoreTlsReports ran before, stored nothing, and found duplicates. */
    private static boolean everyReportWasAlreadyStored(Mail mail) {
        long stored = count(mail, TlsReportAttributes.STORED);
        long duplicates = count(mail, TlsReportAttributes.DUPLICATES);
        return stored == 0 && duplicates > 0;
    }

    private static long count(Mail mail, AttributeName name) {
        return mail.getAttribute(name)
                .map(attribute -> attribute.getValue().value())
                .filter(Number.class::isInstance)
                .map(number -> ((Number) number).longValue())
                .orElse(0L);
    }

    /** Completes "Sent because this report ...". */
    static String describe(HasTlsReportFailures.Configuration condition) {
        String failed = condition.minFailedSessions() == 0
                ? "was accepted (" + MIN_FAILED_SESSIONS + "=0: every report)"
                : "counts at least " + condition.minFailedSessions() + " failed session"
                        + (condition.minFailedSessions() == 1 ? "" : "s");
        return condition
                .minFailureRate()
                .map(rate -> failed + " and at least "
                        + rate.stripTrailingZeros().toPlainString() + "% of its sessions failed")
                .orElse(failed);
    }

    // ------------------------------------------------------------------------------------------ configuration

    private void rejectUnknownParameters() throws MessagingException {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = getInitParameterNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PARAMETERS.contains(name) && !JamesParameters.isJames(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new MessagingException(NAME + ": unknown parameter" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; the parameters are " + TO + ", " + FROM + ", "
                    + MIN_FAILED_SESSIONS + " and " + MIN_FAILURE_RATE);
        }
    }

    private static long minFailedSessions(String value) throws MessagingException {
        if (value == null) {
            return 1;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw configurationError(
                MIN_FAILED_SESSIONS,
                "must be a whole number of at least 0 (0: every accepted report), not \"" + SafeText.of(value)
                        + "\" (the default is 1)");
    }

    private static Optional<BigDecimal> minFailureRate(String value) throws MessagingException {
        if (value == null) {
            return Optional.empty();
        }
        String number = value.strip();
        if (number.endsWith("%")) {
            number = number.substring(0, number.length() - 1).strip();
        }
        try {
            BigDecimal rate = new BigDecimal(number);
            if (rate.signum() >= 0 && rate.compareTo(HUNDRED) <= 0) {
                return Optional.of(rate);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw configurationError(
                MIN_FAILURE_RATE,
                "must be a percentage from 0 to 100, such as 5 or 2.5, not \"" + SafeText.of(value)
                        + "\" (leave it out for any rate)");
    }

    private static MessagingException configurationError(String parameter, String problem) {
        return new MessagingException(NAME + ": parameter " + parameter + " " + problem);
    }
}
