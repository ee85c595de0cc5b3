package io.github.jamestlsrpt.mailets;

import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReportReader;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.RawMessage;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import io.github.jamestlsrpt.mailets.ExtractConfiguration.DkimPolicy;
import io.github.jamestlsrpt.mailets.dkim.DkimReportAuthenticator;
import io.github.jamestlsrpt.mailets.dkim.ReportAuthenticator;
import io.github.jamestlsrpt.mailets.dkim.TemporaryDkimFailure;
import io.github.jamestlsrpt.message.MessageReading;
import io.github.jamestlsrpt.message.ReportMessageReader;
import io.github.jamestlsrpt.message.ReportPartRules;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every TLS report in a mail (RFC 8460), authenticates the mail by DKIM (section 3), decides for each report
 * whether it is for a domain served here, and leaves the outcome on the mail as attributes ({@link
 * TlsReportAttributes}): the message status, the DKIM verdict, and one {@link ExtractedReport} per report found, with
 * its stored JSON document (provenance included), its problems and its original bytes. It changes nothing else:
 * storing is {@code StoreTlsReports}'s job, routing the matchers' on these attributes.
 *
 * <h2>Configuration</h2>
 *
 * Every parameter with its default (the {@code domains} line is commented out: without it the server's own domain
 * list decides):
 *
 * <pre>{@code
 * <mailet match="io.github.jamestlsrpt.matchers.IsTlsReport" class="io.github.jamestlsrpt.mailets.ExtractTlsReports">
 *     <dkim>require</dkim>
 *     <outOfScope>flag</outOfScope>
 *     <!-- <domains>example.com, example.org</domains> -->
 *     <mxHosts></mxHosts>
 *     <maxCompressedBytes>10485760</maxCompressedBytes>
 *     <maxDecompressedBytes>20971520</maxDecompressedBytes>
 *     <maxNestingDepth>64</maxNestingDepth>
 *     <maxStringLength>1048576</maxStringLength>
 *     <maxNumberLength>32</maxNumberLength>
 *     <maxZipEntries>100</maxZipEntries>
 * </mailet>
 * }</pre>
 *
 * <ul>
 *   <li>{@code dkim}: {@code require} (default; RFC 8460 section 3: a report that no DKIM signature of the reporter
 *       authenticates is not stored as a report: outcome {@code unauthenticated}, the mail is kept with the reason),
 *       {@code flag} (stored whatever the verdict; each document carries it) or {@code off} (not checked; the verdict
 *       is {@code not-checked}). The reporter's domains are the From domain, the TLS-Report-Submitter domain and each
 *       usable report's contact-info domain. A DNS failure during the check is no verdict: service() throws a
 *       MessagingException keeping the cause, nothing is written to the mail, and James's {@code onMailetException}
 *       decides (retry or park). A mail without a usable report is not checked.
 *   <li>{@code domains}: the domains served here, comma separated; when given it replaces the server's domain list
 *       (the mailet context's isLocalServer). A report is in scope when one of its policies is for a served domain.
 *   <li>{@code mxHosts}: this server's MX host names, comma separated (default none). A DANE host report (policy-type
 *       tlsa whose policy-domain is an MX host, RFC 7672 section 2.2.3) is in scope when its host is one of these or
 *       a name under a served domain.
 *   <li>{@code outOfScope}: what a report for no served domain becomes. {@code flag} (default): outcome {@code
 *       out-of-scope}; StoreTlsReports stores it apart in its {@code outOfScopeFolder} when one is configured, and
 *       otherwise not as a report (the mail is kept, with the reason). {@code accept}: outcome {@code accepted},
 *       stored with the others, its reason saying that it is out of scope.
 *   <li>{@code maxCompressedBytes}, {@code maxDecompressedBytes}, {@code maxNestingDepth}, {@code maxStringLength},
 *       {@code maxNumberLength}, {@code maxZipEntries}: the reader's limits for each report (positive whole numbers);
 *       a report beyond one is invalid, with the limit's problem code.
 * </ul>
 *
 * <h2>Outcomes</h2>
 *
 * Each usable report is {@code accepted}, {@code out-of-scope} or {@code unauthenticated} (which wins over out of
 * scope); each broken report part (corrupt gzip, HTML labelled as a report, a limit exceeded...) gives one {@code
 * invalid} report with its problems and, as reason, the first error in plain words. A mail without any report gets
 * status {@code no-report}. Bad data never throws; one INFO line per mail, one WARN line per invalid report.
 *
 * <p>Metrics, through James's MetricFactory: the mails read, the reports found by outcome, the DKIM verdicts and the
 * time spent per mail, under {@code tlsrpt.} (the README's "Metrics" lists the names).
 */
public class ExtractTlsReports extends GenericMailet {

    /** Every parameter this mailet takes, in the order the documentation lists them. */
    public static final List<String> PARAMETERS = ExtractConfiguration.PARAMETERS;

    private static final Logger LOGGER = LoggerFactory.getLogger(ExtractTlsReports.class);
    private static final String NAME = "ExtractTlsReports";
    private static final DkimVerdict NO_USABLE_REPORT =
            new DkimVerdict(DkimVerdict.Result.NOT_CHECKED, null, "the mail holds no usable report to authenticate");
    private static final int LOGGED_TEXT_LENGTH = 200;

    private final ReportAuthenticator authenticator;
    private final Clock clock;
    private final ReportMetrics metrics;

    private ExtractConfiguration configuration;
    private ReportMessageReader reader;
    private DomainScope scope;

    /**
     * The constructor James uses.
     *
     * @param dns James's DNS service, for the DKIM keys
     * @param metricFactory James's metrics, for the counters and the timer of this mailet (README, "Metrics")
     */
    @Inject
    public ExtractTlsReports(DNSService dns, MetricFactory metricFactory) {
        this(productionAuthenticator(dns), Clock.systemUTC(), metricFactory);
    }

    /** Without metrics. */
    public ExtractTlsReports(DNSService dns) {
        this(dns, NoMetricFactory.INSTANCE);
    }

    ExtractTlsReports(ReportAuthenticator authenticator) {
        this(authenticator, Clock.systemUTC());
    }

    /** @param clock gives the received time of a mail that carries none */
    ExtractTlsReports(ReportAuthenticator authenticator, Clock clock) {
        this(authenticator, clock, NoMetricFactory.INSTANCE);
    }

    ExtractTlsReports(ReportAuthenticator authenticator, Clock clock, MetricFactory metricFactory) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new ReportMetrics(metricFactory);
    }

    /** The one place where James's DNS is wired into DKIM verification. */
    static ReportAuthenticator productionAuthenticator(DNSService dns) {
        return DkimReportAuthenticator.overDns(Objects.requireNonNull(dns, "dns"));
    }

    @Override
    public void init() throws MessagingException {
        configuration = ExtractConfiguration.of(getMailetConfig());
        reader = new ReportMessageReader(new ReportReader(configuration.limits())).keepingOriginals();
        Set<String> domains = configuration.domains();
        Predicate<String> served =
                domains.isEmpty() ? domain -> getMailetContext().isLocalServer(Domain.of(domain)) : domains::contains;
        scope = new DomainScope(served, configuration.mxHosts());
    }

    ExtractConfiguration configuration() {
        return configuration;
    }

    @Override
    public String getMailetInfo() {
        return "Reads, authenticates and scopes the TLS reports (RFC 8460) in a mail";
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        TimeMetric timer = metrics.extractionTimer();
        try {
            extract(mail);
        } finally {
            timer.stopAndPublish();
        }
    }

    private void extract(Mail mail) throws MessagingException {
        byte[] message = bytesOf(mail);
        MessageReading reading = read(mail, message);
        List<ReadResult.UsableReport> usable = reading.results().stream()
                .filter(ReadResult.UsableReport.class::isInstance)
                .map(ReadResult.UsableReport.class::cast)
                .toList();
        DkimVerdict verdict = authenticate(mail, message, reading, usable);
        List<ExtractedReport> reports =
                new Extraction(configuration, scope, verdict, provenance(mail, reading, verdict)).of(reading.parts());
        TlsReportAttributes.writeExtraction(mail, verdict, reports);
        metrics.extracted(verdict, reports);
        log(mail, verdict, reports);
    }

    private static byte[] bytesOf(Mail mail) throws MessagingException {
        try {
            return RawMessage.bytes(mail.getMessage(), initialSize(mail));
        } catch (IOException failure) {
            throw new MessagingException(NAME + ": the message of mail " + mail.getName() + " cannot be read", failure);
        }
    }

    private static int initialSize(Mail mail) {
        try {
            long size = mail.getMessageSize();
            return size > 0 && size < Integer.MAX_VALUE - 16 ? (int) size + 16 : 8192;
        } catch (MessagingException unknown) {
            return 8192;
        }
    }

    private MessageReading read(Mail mail, byte[] message) {
        try {
            MessageReading reading = reader.read(new ByteArrayInputStream(message));
            if (reading.cutShort()) {
                LOGGER.warn(
                        "{}: mail {} has more than {} MIME parts; reports after those are not read",
                        NAME,
                        mail.getName(),
                        ReportPartRules.MAX_PARTS_READ);
            }
            return reading;
        } catch (RuntimeException unreadable) {
            // the message reader promises not to throw for bad data; should some input still break it, the mail
            // holds no report we can read, and it goes on untouched
            LOGGER.error(
                    "{}: mail {} cannot be read as MIME; treated as holding no report",
                    NAME,
                    mail.getName(),
                    unreadable);
            return new MessageReading(null, null, null, null, null, false, List.of(), false);
        }
    }

    private DkimVerdict authenticate(
            Mail mail, byte[] message, MessageReading reading, List<ReadResult.UsableReport> usable)
            throws MessagingException {
        if (configuration.dkim() == DkimPolicy.OFF) {
            return DkimVerdict.notChecked();
        }
        if (usable.isEmpty()) {
            return NO_USABLE_REPORT;
        }
        Set<String> domains = reporterDomains(reading, usable);
        try {
            DkimVerdict verdict = authenticator.authenticate(message, domains);
            return verdict == null ? DkimVerdict.fail("the DKIM check gave no verdict") : verdict;
        } catch (TemporaryDkimFailure failure) {
            metrics.dkimTemporaryFailure();
            throw new MessagingException(
                    NAME + ": DKIM could not be checked for mail " + mail.getName() + ", to be retried: "
                            + failure.getMessage(),
                    failure);
        } catch (RuntimeException broken) {
            LOGGER.warn(
                    "{}: the DKIM check of mail {} broke ({}); counted as no passing signature",
                    NAME,
                    mail.getName(),
                    printable(String.valueOf(broken)));
            return DkimVerdict.fail("the DKIM check could not be completed");
        }
    }

    /** From domain, TLS-Report-Submitter domain, each usable report's contact-info domain; lower case. */
    static Set<String> reporterDomains(MessageReading reading, List<ReadResult.UsableReport> usable) {
        Set<String> domains = new LinkedHashSet<>();
        ReporterDomains.addresses(reading.from())
                .forEach(address -> ReporterDomains.ofAddress(address).ifPresent(domains::add));
        ReporterDomains.ofSubmitter(reading.submitter()).ifPresent(domains::add);
        for (ReadResult.UsableReport report : usable) {
            ReporterDomains.ofContactInfo(report.report().contactInfo()).ifPresent(domains::add);
        }
        return domains;
    }

    private Provenance provenance(Mail mail, MessageReading reading, DkimVerdict verdict) {
        List<String> from = ReporterDomains.addresses(reading.from());
        Instant receivedAt =
                mail.getLastUpdated() != null ? mail.getLastUpdated().toInstant() : clock.instant();
        return new Provenance(
                reading.messageId(),
                mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(null),
                from.isEmpty() ? reading.from() : from.get(0),
                reading.submitter(),
                reading.reportDomain(),
                verdict.result().wireName(),
                verdict.domain(),
                receivedAt,
                null);
    }

    private static void log(Mail mail, DkimVerdict verdict, List<ExtractedReport> reports) {
        Map<ReportOutcome, Integer> counts = new EnumMap<>(ReportOutcome.class);
        for (ExtractedReport report : reports) {
            counts.merge(report.outcome(), 1, Integer::sum);
            if (report.outcome() == ReportOutcome.INVALID) {
                LOGGER.warn(
                        "{}: mail {}: invalid report in {}: {}",
                        NAME,
                        mail.getName(),
                        printable(where(report)),
                        printable(report.reason()));
            }
        }
        String dkim = verdict.result().wireName() + (verdict.domain() == null ? "" : " (d=" + verdict.domain() + ")");
        if (reports.isEmpty()) {
            LOGGER.info("{}: mail {}: no TLS report; DKIM {}", NAME, mail.getName(), dkim);
            return;
        }
        LOGGER.info(
                "{}: mail {}: {} report(s): {} accepted, {} out-of-scope, {} unauthenticated, {} invalid; DKIM {}",
                NAME,
                mail.getName(),
                reports.size(),
                counts.getOrDefault(ReportOutcome.ACCEPTED, 0),
                counts.getOrDefault(ReportOutcome.OUT_OF_SCOPE, 0),
                counts.getOrDefault(ReportOutcome.UNAUTHENTICATED, 0),
                counts.getOrDefault(ReportOutcome.INVALID, 0),
                dkim);
    }

    private static String where(ExtractedReport report) {
        String part = report.part().isEmpty() ? "the message body" : "part " + report.part();
        String name = report.filename() == null ? "" : " (" + report.filename() + ")";
        String entry = report.entry() == null ? "" : " entry " + report.entry();
        return part + name + entry;
    }

    /** Untrusted text for a log line: control characters replaced, at most {@value #LOGGED_TEXT_LENGTH} chars. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), LOGGED_TEXT_LENGTH + 3));
        for (int i = 0; i < text.length() && out.length() < LOGGED_TEXT_LENGTH; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > LOGGED_TEXT_LENGTH) {
            out.append("...");
        }
        return out.toString();
    }
}
