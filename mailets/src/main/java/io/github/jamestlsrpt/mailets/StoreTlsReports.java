package io.github.jamestlsrpt.mailets;

import io.github.jamestlsrpt.core.explain.SafeText;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.MessageStatus;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import io.github.jamestlsrpt.mailets.digest.ReceiptLog;
import io.github.jamestlsrpt.mailets.store.ExactlyOnceReportStore;
import io.github.jamestlsrpt.mailets.store.HeaderText;
import io.github.jamestlsrpt.mailets.store.JamesReportMailbox;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.ReportMailbox;
import io.github.jamestlsrpt.mailets.store.ReportMailboxException;
import io.github.jamestlsrpt.mailets.store.ReportMessageWriter;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every report that {@code io.github.jamestlsrpt.mailets.ExtractTlsReports} found in a mail as one message in
 * a folder of one user's mailbox, exactly once: a report whose deduplication key is already in the folder is counted
 * as a duplicate and logged, not stored again, also when two copies arrive at the same moment or days apart (see
 * {@link ExactlyOnceReportStore} for how, and for its limits). The message is written straight into the mailbox
 * through James's mailbox API (so on every backend, and without a second trip through the spool); its content is
 * described in {@link ReportMessageWriter}.
 *
 * <p>Which reports are stored: accepted ones in {@code folder}; out-of-scope ones in {@code outOfScopeFolder} when
 * it is set, else not at all; unauthenticated and invalid ones never. A mail that was not through extraction is left
 * alone. Every other mail gets the attributes {@code io.github.jamestlsrpt.stored} and
 * {@code io.github.jamestlsrpt.duplicates} (longs) and, unless it is consumed, the header {@value #OUTCOME_HEADER}
 * saying in plain words what became of its reports (any such header the sender put there is replaced).
 *
 * <p>The original mail: with {@code original=keep} it goes on (to the recipient's INBOX, say); with
 * {@code original=consume} it is ghosted, but only once every report in it is stored or was already stored. A mail
 * holding an invalid, unauthenticated or unstored out-of-scope report, or no report at all, is never consumed.
 *
 * <p>Errors: bad data never throws. When the mailbox fails, a MessagingException that keeps the cause is thrown and
 * nothing is marked as stored, so James's {@code onMailetException} handling applies (the default sends the mail to
 * the error processor); stored reports of a retried mail count as duplicates the second time.
 *
 * <p>Metrics, through James's MetricFactory: the reports stored and duplicate, the successful and failed sessions of
 * the accepted reports stored (failed also per result-type) and the time spent per mail, under {@code tlsrpt.} (the
 * README's "Metrics" lists the names).
 *
 * <p>Configuration (every parameter with its default; {@code user} has none and is required):
 *
 * <pre>{@code
 * <mailet match="RecipientIs=tlsrpt@example.com" class="io.github.jamestlsrpt.mailets.StoreTlsReports">
 *     <!-- required: the user whose mailbox receives the reports -->
 *     <user>tlsrpt@example.com</user>
 *     <!-- the folder for accepted reports, created when missing -->
 *     <folder>TLS-RPT</folder>
 *     <!-- default: none, out-of-scope reports are not stored as reports; set it to keep them apart:
 *     <outOfScopeFolder>TLS-RPT.Out-of-scope</outOfScopeFolder>
 *     -->
 *     <!-- keep: the mail goes on; consume: it is ghosted once all its reports are stored -->
 *     <original>keep</original>
 * </mailet>
 * }</pre>
 */
public class StoreTlsReports extends GenericMailet {

    public static final String USER = MailboxParameters.USER;
    public static final String FOLDER = "folder";
    public static final String OUT_OF_SCOPE_FOLDER = "outOfScopeFolder";
    public static final String ORIGINAL = "original";
    public static final String DEFAULT_FOLDER = "TLS-RPT";

    /** The header put on a mail that goes on, saying what became of its reports. */
    public static final String OUTCOME_HEADER = "X-TLSRPT-Outcome";

    private static final Logger LOGGER = LoggerFactory.getLogger(StoreTlsReports.class);
    /** Every parameter this mailet takes, in the order the documentation lists them. */
    public static final List<String> PARAMETERS = List.of(USER, FOLDER, OUT_OF_SCOPE_FOLDER, ORIGINAL);

    private static final String NAME = "StoreTlsReports";
    private static final int OUTCOME_LENGTH = 900;

    /** What happens to the mail once its reports are stored. */
    public enum Original {
        /** the mail goes on */
        KEEP("keep"),
        /** the mail is ghosted once every report in it is stored or was already stored */
        CONSUME("consume");

        private final String wireName;

        Original(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * The checked configuration.
     *
     * @param user the mailbox owner
     * @param folder the folder of accepted reports
     * @param outOfScopeFolder the folder of out-of-scope reports; empty when they are not stored
     * @param original what happens to the mail
     */
    public record Configuration(String user, String folder, Optional<String> outOfScopeFolder, Original original) {
        public Configuration {
            Objects.requireNonNull(user, USER);
            Objects.requireNonNull(folder, FOLDER);
            Objects.requireNonNull(outOfScopeFolder, OUT_OF_SCOPE_FOLDER);
            Objects.requireNonNull(original, ORIGINAL);
        }
    }

    private final ExactlyOnceReportStore store;
    private final Clock clock;
    private final ReceiptLog receipts;
    private final ReportMetrics metrics;
    private Configuration configuration;
    private ReportMessageWriter writer;

    /**
     * The constructor James uses.
     *
     * @param mailboxManager James's mailboxes, where the reports are stored
     * @param metricFactory James's metrics, for the counters and the timer of this mailet (README, "Metrics")
     */
    @Inject
    public StoreTlsReports(MailboxManager mailboxManager, MetricFactory metricFactory) {
        this(new JamesReportMailbox(mailboxManager), Clock.systemUTC(), metricFactory);
    }

    /** Without metrics. */
    public StoreTlsReports(MailboxManager mailboxManager) {
        this(mailboxManager, NoMetricFactory.INSTANCE);
    }

    StoreTlsReports(ReportMailbox mailbox, Clock clock) {
        this(mailbox, clock, NoMetricFactory.INSTANCE);
    }

    StoreTlsReports(ReportMailbox mailbox, Clock clock, MetricFactory metricFactory) {
        this.store = new ExactlyOnceReportStore(mailbox);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.receipts = new ReceiptLog(mailbox, clock);
        this.metrics = new ReportMetrics(metricFactory);
    }

    @Override
    public String getMailetInfo() {
        return "StoreTlsReports: stores each TLS report of a mail once in a mailbox folder";
    }

    @Override
    public void init() throws MessagingException {
        rejectUnknownParameters();
        String user =
                MailboxParameters.user(NAME, "the user whose mailbox receives the reports", getInitParameter(USER));
        String folder = checkFolder(
                FOLDER, Optional.ofNullable(getInitParameter(FOLDER)).orElse(DEFAULT_FOLDER));
        Optional<String> outOfScopeFolder = Optional.ofNullable(getInitParameter(OUT_OF_SCOPE_FOLDER));
        if (outOfScopeFolder.isPresent()) {
            checkFolder(OUT_OF_SCOPE_FOLDER, outOfScopeFolder.get());
            if (outOfScopeFolder.get().equals(folder)) {
                throw configurationError(
                        OUT_OF_SCOPE_FOLDER,
                        "must differ from " + FOLDER + " (\"" + folder
                                + "\"); leave it out to not store out-of-scope reports");
            }
        }
        Original original = checkOriginal(getInitParameter(ORIGINAL));
        configuration = new Configuration(user, folder, outOfScopeFolder, original);
        try {
            writer = new ReportMessageWriter(new InternetAddress(user));
        } catch (AddressException notAnAddress) {
            throw configurationError(USER, "is not a mail address: " + notAnAddress.getMessage());
        }
    }

    /** The configuration read by {@link #init()}. */
    public Configuration configuration() {
        return configuration;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<MessageStatus> status = TlsReportAttributes.status(mail);
        if (status.isEmpty()) {
            LOGGER.debug("mail {} was not read by ExtractTlsReports: left alone", mail.getName());
            return;
        }
        TimeMetric timer = metrics.storageTimer();
        try {
            storeReports(mail, status.get());
        } finally {
            timer.stopAndPublish();
        }
    }

    private void storeReports(Mail mail, MessageStatus status) throws MessagingException {
        List<ExtractedReport> reports = TlsReportAttributes.reports(mail);
        DkimVerdict dkim = TlsReportAttributes.dkim(mail).orElse(null);
        Tally tally = new Tally();
        for (int i = 0; i < reports.size(); i++) {
            storeOne(mail, reports.get(i), dkim, describe(i, reports), tally);
        }
        receipts.record(
                new MailboxFolder(configuration.user(), configuration.folder()),
                mail.getName(),
                reports,
                tally.stored,
                tally.duplicates);
        mail.setAttribute(new Attribute(TlsReportAttributes.STORED, AttributeValue.of(tally.stored)));
        mail.setAttribute(new Attribute(TlsReportAttributes.DUPLICATES, AttributeValue.of(tally.duplicates)));

        boolean everyReportSafe = !reports.isEmpty()
                && tally.notStored.isEmpty()
                && (status == MessageStatus.ACCEPTED || status == MessageStatus.OUT_OF_SCOPE);
        if (everyReportSafe && configuration.original() == Original.CONSUME) {
            LOGGER.info(
                    "mail {}: every report is stored ({} stored, {} duplicates); the mail is consumed",
                    mail.getName(),
                    tally.stored,
                    tally.duplicates);
            mail.setState(Mail.GHOST);
            return;
        }
        String outcome = outcome(reports, tally);
        // No saveChanges: on a multipart mail it parses the whole body to update the headers of its parts, which a
        // header of the message leaves as they are. Whoever writes the message later saves it when it must: James's
        // MimeMessageWrapper writes its headers as set here in front of the body as received, and Jakarta Mail's
        // writeTo saves a message whose changes are not saved yet.
        mail.getMessage().setHeader(OUTCOME_HEADER, HeaderText.value(OUTCOME_HEADER, outcome, OUTCOME_LENGTH));
        if (!tally.notStored.isEmpty() || reports.isEmpty()) {
            LOGGER.info("mail {} goes on: {}", mail.getName(), SafeText.of(outcome, OUTCOME_LENGTH));
        }
    }

    private void storeOne(Mail mail, ExtractedReport report, DkimVerdict dkim, String which, Tally tally)
            throws MessagingException {
        Optional<String> folder = folderFor(report.outcome());
        if (folder.isEmpty()) {
            tally.notStored.add(which + " " + whyNotStored(report));
            return;
        }
        String key = ReportMessageWriter.keyOf(report);
        byte[] message;
        try {
            message = writer.write(report, dkim, clock.instant());
        } catch (MessagingException | RuntimeException cannotWrite) {
            // not expected for any data; the mail goes on with its report rather than being lost
            LOGGER.warn(
                    "mail {}: TLS report {} (key {}) could not be written as a message; not stored",
                    mail.getName(),
                    SafeText.of(report.reportId()),
                    key,
                    cannotWrite);
            tally.notStored.add(which + " could not be written as a message");
            return;
        }
        MailboxFolder target = new MailboxFolder(configuration.user(), folder.get());
        ExactlyOnceReportStore.Result result;
        try {
            result = store.store(target, key, message);
        } catch (ReportMailboxException failure) {
            throw new MessagingException(
                    "TLS report " + SafeText.of(report.reportId()) + " of mail " + mail.getName()
                            + " could not be stored in " + target + ": " + failure.getMessage(),
                    failure);
        }
        if (result == ExactlyOnceReportStore.Result.STORED) {
            tally.stored++;
            metrics.stored(report);
            LOGGER.info(
                    "mail {}: stored TLS report {} from {} in {} (key {})",
                    mail.getName(),
                    SafeText.of(report.reportId()),
                    SafeText.of(report.organization()),
                    target,
                    key);
        } else {
            tally.duplicates++;
            metrics.duplicate();
            LOGGER.info(
                    "mail {}: TLS report {} from {} is already stored in {}: duplicate not stored again (key {})",
                    mail.getName(),
                    SafeText.of(report.reportId()),
                    SafeText.of(report.organization()),
                    target,
                    key);
        }
    }

    private Optional<String> folderFor(ReportOutcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> Optional.of(configuration.folder());
            case OUT_OF_SCOPE -> configuration.outOfScopeFolder();
            case UNAUTHENTICATED, INVALID -> Optional.empty();
        };
    }

    private static String whyNotStored(ExtractedReport report) {
        return switch (report.outcome()) {
            case INVALID -> "is invalid: " + reason(report, "the report cannot be used");
            case UNAUTHENTICATED -> "is not authenticated: "
                    + reason(report, "no DKIM signature of the reporter passes (RFC 8460 section 3)");
            case OUT_OF_SCOPE -> "is out of scope and " + OUT_OF_SCOPE_FOLDER + " is not set: "
                    + reason(report, "none of its policy domains is served here");
            case ACCEPTED -> "is accepted";
        };
    }

    private static String reason(ExtractedReport report, String otherwise) {
        return report.reason() == null || report.reason().isBlank()
                ? otherwise
                : HeaderText.plain(report.reason(), 300);
    }

    private static String describe(int index, List<ExtractedReport> reports) {
        ExtractedReport report = reports.get(index);
        StringBuilder which = new StringBuilder(
                reports.size() == 1 ? "the report" : "report " + (index + 1) + " of " + reports.size());
        which.append(" (part ").append(HeaderText.plain(report.part(), 40));
        if (report.filename() != null) {
            which.append(", file \"")
                    .append(HeaderText.plain(report.filename(), 100))
                    .append('"');
        }
        return which.append(')').toString();
    }

    private static String outcome(List<ExtractedReport> reports, Tally tally) {
        if (reports.isEmpty()) {
            return "not stored: no TLS report was found in this mail";
        }
        List<String> stored = new ArrayList<>(2);
        if (tally.stored > 0) {
            stored.add(tally.stored + (tally.stored == 1 ? " report" : " reports") + " stored");
        }
        if (tally.duplicates > 0) {
            stored.add(tally.duplicates + (tally.duplicates == 1 ? " report was" : " reports were")
                    + " already stored (duplicate" + (tally.duplicates == 1 ? ")" : "s)"));
        }
        if (tally.notStored.isEmpty()) {
            return "stored: " + String.join(", ", stored);
        }
        List<String> parts = new ArrayList<>(tally.notStored);
        parts.addAll(stored);
        return "not stored: " + String.join("; ", parts);
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
            throw new MessagingException("StoreTlsReports: unknown parameter" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; the parameters are " + USER + ", " + FOLDER + ", "
                    + OUT_OF_SCOPE_FOLDER + " and " + ORIGINAL);
        }
    }

    private static String checkFolder(String parameter, String folder) throws MessagingException {
        String ifEmpty = parameter.equals(OUT_OF_SCOPE_FOLDER)
                ? "; leave it out to not store out-of-scope reports"
                : "; the default is " + DEFAULT_FOLDER;
        return MailboxParameters.folder(NAME, parameter, folder, ifEmpty, "TLS-RPT.Out-of-scope");
    }

    private static Original checkOriginal(String value) throws MessagingException {
        if (value == null) {
            return Original.KEEP;
        }
        for (Original original : Original.values()) {
            if (original.wireName().equals(value)) {
                return original;
            }
        }
        throw configurationError(
                ORIGINAL, "must be keep or consume, not \"" + SafeText.of(value) + "\" (the default is keep)");
    }

    private static MessagingException configurationError(String parameter, String problem) {
        return new MessagingException(NAME + ": parameter " + parameter + " " + problem);
    }

    /** What became of one mail's reports. */
    private static final class Tally {
        private long stored;
        private long duplicates;
        private final List<String> notStored = new ArrayList<>();
    }
}
