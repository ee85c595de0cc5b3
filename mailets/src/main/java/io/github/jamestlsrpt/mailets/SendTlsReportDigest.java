package io.github.jamestlsrpt.mailets;

import io.github.jamestlsrpt.core.digest.Cadence;
import io.github.jamestlsrpt.core.digest.Digest;
import io.github.jamestlsrpt.core.digest.DigestCalculator;
import io.github.jamestlsrpt.core.digest.DigestPeriod;
import io.github.jamestlsrpt.core.digest.DigestSchedule;
import io.github.jamestlsrpt.core.digest.Receipt;
import io.github.jamestlsrpt.core.explain.SafeText;
import io.github.jamestlsrpt.mailets.digest.DigestMarkers;
import io.github.jamestlsrpt.mailets.digest.DigestWriter;
import io.github.jamestlsrpt.mailets.digest.ReceiptLog;
import io.github.jamestlsrpt.mailets.digest.StoredReportsReader;
import io.github.jamestlsrpt.mailets.store.JamesReportMailbox;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.ReportMailbox;
import io.github.jamestlsrpt.mailets.store.ReportMailboxException;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the people responsible for the domains a digest of the TLS reports received in a period, daily or weekly, at
 * a time of day in a time zone: per domain, worst first, the sessions and the success rate against the period
 * before; a severity in bands (no failed session: ok; under 10 % failed: notice; under 50 %: warning; otherwise
 * critical); the failure types with their counts and what they mean, those seen for the first time in 30 days marked
 * as new; the receiving MX hosts with the most failures; the reporters, and those that used to report and fell silent
 * (reporting broke, or the TLSRPT record changed); the duplicate and unauthenticated reports received about it; DANE
 * host reports apart from the mail domains; in total, how many report mails were processed and how many reports were
 * invalid, unauthenticated or duplicates. multipart/alternative: a plain-text part, and an HTML part with an inline
 * picture (by Content-ID) of each domain's daily success rate over the last 30 days, drawn with Java2D (no browser,
 * no network).
 *
 * <p>Triggered by time, not by mail: the mailet schedules itself when James starts it (one daemon thread per
 * {@code <mailet>} entry, named after it) and stops in {@code destroy()}. Its {@code service()} does nothing and
 * leaves every mail as it is, so any matcher will do; {@code match="All"} in any processor is the simplest. A digest
 * due in the last {@value #CATCH_UP_HOURS} hours that was not sent (James was down at that time) is sent at start-up.
 *
 * <p>Built from the mailbox, not from memory: the reports stored by {@code StoreTlsReports} in {@code folder} of
 * {@code user} (a report counts in the period it was stored in, its internal date: reporters send a day's report
 * during the next day, so the digest sent on a morning covers the reports received the day before), and the receipts
 * it records in the subfolder {@code Receipts} (for the reports that are never stored). So it is right after a
 * restart and on a James of several servers sharing the mailbox; there, exactly one digest is sent per period: each
 * server stores a marker for the period in the subfolder {@code Digests} before sending, and sends only when its
 * marker is the first (see {@link DigestMarkers}, and its limits). Two entries with the same recipients share their
 * markers; entries with other recipients, another period or time zone send their own digests.
 *
 * <p>Safety as the summaries: every value from a report is escaped in the HTML part, shown as text and never as a
 * link, and reaches the Subject only sanitised; the digest carries {@code Auto-Submitted: auto-generated}, {@code
 * X-Auto-Response-Suppress: All} and the summaries' marker header {@code X-TLSRPT-Summary}, so it never triggers
 * anything of this plugin. It is sent through the mailet context (it enters the root processor, envelope sender
 * {@code from}). When reading the mailbox or sending fails, the error is logged and the next period's digest is sent
 * as usual. The digests sent and failed are counted in James's metrics ({@code tlsrpt.digests.sent}, {@code
 * tlsrpt.digests.failed}).
 *
 * <p>Configuration (every parameter with its default; {@code to} and {@code user} have none and are required):
 *
 * <pre>{@code
 * <mailet match="All" class="io.github.jamestlsrpt.mailets.SendTlsReportDigest">
 *     <!-- required: who receives the digests, comma separated -->
 *     <to>postmaster@example.com</to>
 *     <!-- default: the server's postmaster address; From and envelope sender of the digests
 *     <from>tlsrpt-digest@example.com</from>
 *     -->
 *     <!-- required: the user whose mailbox holds the stored reports (StoreTlsReports' user) -->
 *     <user>tlsrpt@example.com</user>
 *     <!-- the folder of the stored reports (StoreTlsReports' folder) -->
 *     <folder>TLS-RPT</folder>
 *     <!-- daily: every day, of the day before; weekly: every Monday, of the week before -->
 *     <period>daily</period>
 *     <!-- the time of day, HH:mm, 24 hours -->
 *     <at>06:00</at>
 *     <!-- the time zone of the days and of at, such as Europe/Paris -->
 *     <timeZone>UTC</timeZone>
 * </mailet>
 * }</pre>
 */
public class SendTlsReportDigest extends GenericMailet {

    public static final String TO = "to";
    public static final String FROM = "from";
    public static final String USER = MailboxParameters.USER;
    public static final String FOLDER = "folder";
    public static final String PERIOD = "period";
    public static final String AT = "at";
    public static final String TIME_ZONE = "timeZone";

    /** Every parameter this mailet takes, in the order the documentation lists them. */
    public static final List<String> PARAMETERS = List.of(TO, FROM, USER, FOLDER, PERIOD, AT, TIME_ZONE);

    public static final String DEFAULT_FOLDER = "TLS-RPT";
    public static final String DEFAULT_AT = "06:00";
    public static final String DEFAULT_TIME_ZONE = "UTC";

    /** A digest due this many hours ago or less, and not sent, is sent when the mailet starts. */
    public static final int CATCH_UP_HOURS = 6;

    /** How long after init() a missed digest is caught up. */
    static final Duration CATCH_UP_DELAY = Duration.ofMinutes(1);

    private static final Logger LOGGER = LoggerFactory.getLogger(SendTlsReportDigest.class);
    private static final String NAME = "SendTlsReportDigest";
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    /** The longest single wait: the clock is looked at again at least this often, in case it jumped. */
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    /**
     * The checked configuration.
     *
     * @param to who receives the digests, never empty, without repeats
     * @param from the From and envelope sender of the digests; empty for the server's postmaster, looked up when a
     *     digest is sent (James gives mailets its postmaster only once every mailet is loaded)
     * @param user the owner of the mailbox that holds the stored reports
     * @param folder the folder of the stored reports
     * @param schedule the period, the time of day and the time zone
     */
    public record Configuration(
            List<MailAddress> to, Optional<MailAddress> from, String user, String folder, DigestSchedule schedule) {
        public Configuration {
            to = List.copyOf(to);
            Objects.requireNonNull(from, FROM);
            Objects.requireNonNull(user, USER);
            Objects.requireNonNull(folder, FOLDER);
            Objects.requireNonNull(schedule, "schedule");
        }
    }

    /** What a run did. */
    enum RunResult {
        /** the digest of the period was sent */
        SENT,
        /** the digest of the period was already sent, by this or another server */
        ALREADY_SENT
    }

    private final ReportMailbox mailbox;
    private final Clock clock;
    private final DigestMarkers markers;
    private final ReceiptLog receipts;
    private Configuration configuration;
    private MailboxFolder reports;
    private List<InternetAddress> toHeader;
    private String key;
    private ScheduledExecutorService scheduler;
    private final Duration catchUpDelay;
    private final ReportMetrics metrics;

    /**
     * The constructor James uses.
     *
     * @param mailboxManager James's mailboxes, where the reports are stored
     * @param metricFactory James's metrics, for the digests sent and failed (README, "Metrics")
     * @param clock James's clock (its ClockModule binds the system clock in UTC, in James 3.8 and 3.9): decides when
     *     digests are due and gives their Date
     */
    @Inject
    public SendTlsReportDigest(MailboxManager mailboxManager, MetricFactory metricFactory, Clock clock) {
        this(new JamesReportMailbox(mailboxManager), clock, CATCH_UP_DELAY, metricFactory);
    }

    /** On the system clock. */
    public SendTlsReportDigest(MailboxManager mailboxManager, MetricFactory metricFactory) {
        this(mailboxManager, metricFactory, Clock.systemUTC());
    }

    /** Without metrics. */
    public SendTlsReportDigest(MailboxManager mailboxManager) {
        this(mailboxManager, NoMetricFactory.INSTANCE);
    }

    /**
     * @param mailbox where the reports are stored
     * @param clock decides when digests are due and gives their Date
     * @param catchUpDelay how long after init() a digest missed shortly before the start is sent
     */
    SendTlsReportDigest(ReportMailbox mailbox, Clock clock, Duration catchUpDelay) {
        this(mailbox, clock, catchUpDelay, NoMetricFactory.INSTANCE);
    }

    SendTlsReportDigest(ReportMailbox mailbox, Clock clock, Duration catchUpDelay, MetricFactory metricFactory) {
        this.metrics = new ReportMetrics(metricFactory);
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.catchUpDelay = Objects.requireNonNull(catchUpDelay, "catchUpDelay");
        this.markers = new DigestMarkers(mailbox);
        this.receipts = new ReceiptLog(mailbox, clock);
    }

    @Override
    public String getMailetInfo() {
        return NAME + ": sends the admins a scheduled digest of the TLS reports received, with trends";
    }

    @Override
    public void init() throws MessagingException {
        rejectUnknownParameters();
        List<MailAddress> to = AdminAddresses.recipients(NAME, "digests", getInitParameter(TO));
        Optional<MailAddress> from = AdminAddresses.configuredSender(NAME, getInitParameter(FROM));
        String user = MailboxParameters.user(
                NAME,
                "the user whose mailbox holds the stored reports (StoreTlsReports' user)",
                getInitParameter(USER));
        String folder = MailboxParameters.folder(
                NAME,
                FOLDER,
                Optional.ofNullable(getInitParameter(FOLDER)).orElse(DEFAULT_FOLDER),
                "; the default is " + DEFAULT_FOLDER,
                "Reports.TLS-RPT");
        Cadence cadence = cadence(getInitParameter(PERIOD));
        LocalTime at = at(Optional.ofNullable(getInitParameter(AT)).orElse(DEFAULT_AT));
        ZoneId zone = zone(Optional.ofNullable(getInitParameter(TIME_ZONE)).orElse(DEFAULT_TIME_ZONE));
        configuration = new Configuration(to, from, user, folder, new DigestSchedule(cadence, at, zone));
        reports = new MailboxFolder(user, folder);
        List<InternetAddress> addresses = new ArrayList<>();
        for (MailAddress address : to) {
            addresses.add(address.toInternetAddress().orElseThrow());
        }
        toHeader = List.copyOf(addresses);
        key = key(configuration);
        start();
    }

    /** The configuration read by {@link #init()}. */
    public Configuration configuration() {
        return configuration;
    }

    /** Does nothing: the digest is sent on its schedule, whatever mail passes. */
    @Override
    public void service(Mail mail) {
        // triggered by time, not by mail
    }

    @Override
    public void destroy() {
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
            try {
                if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOGGER.warn("{}: a digest run did not stop within 10 seconds", getMailetName());
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ runs

    /**
     * Sends the digest due at this run time (of the period before it), unless it was already sent. Reads and writes
     * everything before claiming the period, so that a failure to read leaves the period to be claimed again.
     *
     * @param run the scheduled time of the run
     * @throws MessagingException when the mailbox or sending fails (the cause kept)
     */
    RunResult runOnce(Instant run) throws MessagingException {
        try {
            RunResult result = attempt(run);
            if (result == RunResult.SENT) {
                metrics.digestSent();
            }
            return result;
        } catch (MessagingException | RuntimeException failure) {
            metrics.digestFailed();
            throw failure;
        }
    }

    private RunResult attempt(Instant run) throws MessagingException {
        DigestPeriod period = configuration.schedule().periodOf(run);
        String periodKey = key + " " + period.id();
        try {
            if (markers.isClaimed(reports, periodKey)) {
                LOGGER.info("{}: the digest of {} was already sent", getMailetName(), period.label());
                return RunResult.ALREADY_SENT;
            }
            MailAddress from = AdminAddresses.sender(NAME, "digest", configuration.from(), getMailetContext());
            Digest digest = compute(period);
            MimeMessage message =
                    new DigestWriter(from.toInternetAddress().orElseThrow(), toHeader).write(digest, clock.instant());
            if (!markers.claim(reports, periodKey, period.label() + " to " + configuration.to(), clock.instant())) {
                LOGGER.info(
                        "{}: the digest of {} is sent by another server (its claim came first)",
                        getMailetName(),
                        period.label());
                return RunResult.ALREADY_SENT;
            }
            try {
                getMailetContext().sendMail(from, configuration.to(), message);
            } catch (MessagingException failure) {
                throw new MessagingException(
                        NAME + ": the digest of " + period.label() + " could not be sent: " + failure.getMessage(),
                        failure);
            }
            LOGGER.info(
                    "{}: sent the digest of {} to {}: {} reports, {} domains and {} DANE hosts, worst {}",
                    getMailetName(),
                    period.label(),
                    configuration.to(),
                    digest.totals().reports(),
                    digest.domains().size(),
                    digest.hosts().size(),
                    digest.worst().wireName());
            return RunResult.SENT;
        } catch (ReportMailboxException failure) {
            throw new MessagingException(
                    NAME + ": the digest of " + period.label() + " could not be made: " + failure.getMessage(),
                    failure);
        }
    }

    private Digest compute(DigestPeriod period) throws ReportMailboxException {
        Instant from = DigestCalculator.windowStart(period);
        Instant to = period.end();
        StoredReportsReader.Found found = StoredReportsReader.read(mailbox, reports, from, to);
        Optional<List<Receipt>> recorded = receipts.read(reports, from, to);
        int unreadable =
                (int) found.unreadable().stream().filter(period::contains).count();
        return DigestCalculator.compute(period, found.reports(), recorded, unreadable);
    }

    private void start() {
        String thread = "tlsrpt-digest " + getMailetName();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, thread);
            daemon.setDaemon(true);
            return daemon;
        });
        DigestSchedule schedule = configuration.schedule();
        Instant now = clock.instant();
        Instant last = schedule.lastRunAtOrBefore(now);
        if (Duration.between(last, now).compareTo(Duration.ofHours(CATCH_UP_HOURS)) <= 0) {
            // not at once: James is still loading its mailets, and gives them its postmaster only afterwards
            scheduler.schedule(() -> runScheduled(last), catchUpDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        Instant next = schedule.nextRunAfter(now);
        LOGGER.info(
                "{}: {} digests at {} ({}), the next at {}",
                getMailetName(),
                schedule.cadence().wireName(),
                schedule.at(),
                schedule.zone().getId(),
                next);
        waitFor(next);
    }

    /** Runs at the instant, waiting at most {@link #LONGEST_WAIT} at a time, then waits for the next run. */
    private void waitFor(Instant run) {
        long delay = Math.max(0, Duration.between(clock.instant(), run).toMillis());
        try {
            if (delay > LONGEST_WAIT.toMillis()) {
                scheduler.schedule(() -> waitFor(run), LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                scheduler.schedule(
                        () -> {
                            try {
                                runScheduled(run);
                            } finally {
                                waitFor(configuration.schedule().nextRunAfter(run));
                            }
                        },
                        delay,
                        TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException stopped) {
            LOGGER.debug("{}: stopped, no more digests", getMailetName());
        }
    }

    private void runScheduled(Instant run) {
        try {
            runOnce(run);
        } catch (MessagingException | RuntimeException failure) {
            LOGGER.error("{}: the digest due at {} was not sent", getMailetName(), run, failure);
        }
    }

    /**
     * What the digests of this configuration are, the same on every server with the same configuration: the
     * cadence, the time zone, and a hash of the recipients and the folder.
     */
    static String key(Configuration configuration) {
        Set<String> recipients = new TreeSet<>();
        configuration.to().forEach(address -> recipients.add(address.asString().toLowerCase(Locale.ROOT)));
        String identity = String.join(",", recipients) + "|" + configuration.user() + "|" + configuration.folder();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return configuration.schedule().cadence().wireName() + " "
                    + configuration.schedule().zone().getId() + " "
                    + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
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
                    + String.join(", ", unknown) + "; the parameters are "
                    + String.join(", ", PARAMETERS.subList(0, PARAMETERS.size() - 1)) + " and "
                    + PARAMETERS.get(PARAMETERS.size() - 1));
        }
    }

    private static Cadence cadence(String value) throws MessagingException {
        if (value == null) {
            return Cadence.DAILY;
        }
        return Cadence.fromWireName(value.strip())
                .orElseThrow(() -> configurationError(
                        PERIOD, "must be daily or weekly, not \"" + SafeText.of(value) + "\" (the default is daily)"));
    }

    private static LocalTime at(String value) throws MessagingException {
        String time = value.strip();
        if (!TIME.matcher(time).matches()) {
            throw configurationError(
                    AT,
                    "must be a time of day as HH:mm, 24 hours, such as 06:00 or 18:30, not \"" + SafeText.of(value)
                            + "\" (the default is " + DEFAULT_AT + ")");
        }
        return LocalTime.parse(time);
    }

    private static ZoneId zone(String value) throws MessagingException {
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException notAZone) {
            throw configurationError(
                    TIME_ZONE,
                    "must be a time zone such as UTC, Europe/Paris or America/New_York, not \"" + SafeText.of(value)
                            + "\" (the default is " + DEFAULT_TIME_ZONE + ")");
        }
    }

    private static MessagingException configurationError(String parameter, String problem) {
        return new MessagingException(NAME + ": parameter " + parameter + " " + problem);
    }
}
