package io.github.jamestlsrpt.mailets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.jamestlsrpt.core.model.ResultType;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;

/**
 * The plugin's counters and timers, recorded through James's {@link MetricFactory}, so that they appear wherever the
 * operator already collects James's metrics (JMX, the webadmin metrics endpoint, Elasticsearch...). Every name is
 * here, under the prefix {@value #PREFIX}; the README's "Metrics" table lists them all, and a test keeps the two in
 * step.
 *
 * <p>Names are bounded whatever the reports say: the only name taken from a report is a result-type, and only a
 * result-type of RFC 8460 section 4.3 gives its own name; any other value, and a failure detail without one, counts
 * as {@value #OTHER_RESULT_TYPE}. So a hostile report cannot create metric names.
 *
 * <p>Only what James 3.8 and 3.9 share is used: {@link MetricFactory#generate(String)} with {@link
 * Metric#increment()} and {@link Metric#add(int)}, and {@link MetricFactory#timer(String)} with {@link
 * TimeMetric#stopAndPublish()}.
 */
final class ReportMetrics {

    static final String PREFIX = "tlsrpt.";

    /** Mails read by ExtractTlsReports (a mail whose DKIM check is retried counts when it is read in the end). */
    static final String MAILS_READ = PREFIX + "mails.read";
    /** Mails read by ExtractTlsReports in which no report was found. */
    static final String MAILS_WITHOUT_REPORT = PREFIX + "mails.no-report";
    /** Followed by "." and an outcome's wire name: reports found by ExtractTlsReports, by outcome. */
    static final String REPORTS_RECEIVED = PREFIX + "reports.received";
    /** Reports stored by StoreTlsReports, in the folder or the out-of-scope folder. */
    static final String REPORTS_STORED = PREFIX + "reports.stored";
    /** Reports that StoreTlsReports found already stored. */
    static final String REPORTS_DUPLICATE = PREFIX + "reports.duplicate";
    /** Successful sessions of the accepted reports stored. */
    static final String SESSIONS_SUCCESSFUL = PREFIX + "sessions.successful";
    /** Failed sessions of the accepted reports stored; followed by "." and a result-type: per failure type. */
    static final String SESSIONS_FAILED = PREFIX + "sessions.failed";
    /** Followed by "." and a verdict's wire name: the DKIM verdict of each mail read. */
    static final String DKIM = PREFIX + "dkim";
    /** DKIM checks that DNS could not answer: the mail is retried, no verdict. */
    static final String DKIM_TEMPERROR = DKIM + ".temperror";
    /** Time spent by ExtractTlsReports on a mail. */
    static final String EXTRACTION_TIME = PREFIX + "extraction.time";
    /** Time spent by StoreTlsReports on a mail read by ExtractTlsReports. */
    static final String STORAGE_TIME = PREFIX + "storage.time";

    static final String SUMMARIES_SENT = PREFIX + "summaries.sent";
    static final String SUMMARIES_FAILED = PREFIX + "summaries.failed";
    static final String DIGESTS_SENT = PREFIX + "digests.sent";
    static final String DIGESTS_FAILED = PREFIX + "digests.failed";

    /** The name of every result-type that RFC 8460 does not define. */
    static final String OTHER_RESULT_TYPE = "other";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final MetricFactory factory;

    ReportMetrics(MetricFactory factory) {
        this.factory = Objects.requireNonNull(factory, "metricFactory");
    }

    /** Every counter and timer name, in the README's order. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(MAILS_READ);
        names.add(MAILS_WITHOUT_REPORT);
        for (ReportOutcome outcome : ReportOutcome.values()) {
            names.add(received(outcome));
        }
        for (DkimVerdict.Result result : DkimVerdict.Result.values()) {
            names.add(dkim(result));
        }
        names.add(DKIM_TEMPERROR);
        names.add(EXTRACTION_TIME);
        names.add(REPORTS_STORED);
        names.add(REPORTS_DUPLICATE);
        names.add(SESSIONS_SUCCESSFUL);
        names.add(SESSIONS_FAILED);
        for (String type : resultTypeNames()) {
            names.add(failed(type));
        }
        names.add(STORAGE_TIME);
        names.add(SUMMARIES_SENT);
        names.add(SUMMARIES_FAILED);
        names.add(DIGESTS_SENT);
        names.add(DIGESTS_FAILED);
        return List.copyOf(names);
    }

    /** The RFC 8460 result-types in their order there, then {@value #OTHER_RESULT_TYPE}. */
    static List<String> resultTypeNames() {
        List<String> names = new ArrayList<>();
        Arrays.stream(ResultType.Kind.values())
                .filter(kind -> kind != ResultType.Kind.OTHER)
                .forEach(kind -> names.add(kind.wireValue()));
        names.add(OTHER_RESULT_TYPE);
        return names;
    }

    /**
     * The name part for a result-type as a report gives it: the value itself when RFC 8460 defines it (exact match,
     * as RFC 8460 spells them), else {@value #OTHER_RESULT_TYPE}.
     */
    static String resultTypeName(String value) {
        if (value == null) {
            return OTHER_RESULT_TYPE;
        }
        ResultType type = ResultType.of(value);
        return type.isKnown() ? type.kind().wireValue() : OTHER_RESULT_TYPE;
    }

    static String received(ReportOutcome outcome) {
        return REPORTS_RECEIVED + "." + outcome.wireName();
    }

    static String dkim(DkimVerdict.Result result) {
        return DKIM + "." + result.wireName();
    }

    static String failed(String resultTypeName) {
        return SESSIONS_FAILED + "." + resultTypeName;
    }

    // ------------------------------------------------------------------------------------------ recording

    TimeMetric extractionTimer() {
        return factory.timer(EXTRACTION_TIME);
    }

    TimeMetric storageTimer() {
        return factory.timer(STORAGE_TIME);
    }

    /** A mail read by ExtractTlsReports: its DKIM verdict and each report's outcome. */
    void extracted(DkimVerdict verdict, List<ExtractedReport> reports) {
        increment(MAILS_READ);
        increment(dkim(verdict.result()));
        if (reports.isEmpty()) {
            increment(MAILS_WITHOUT_REPORT);
        }
        for (ExtractedReport report : reports) {
            increment(received(report.outcome()));
        }
    }

    void dkimTemporaryFailure() {
        increment(DKIM_TEMPERROR);
    }

    /**
     * A report newly stored. The sessions count for an accepted report only: an out-of-scope report's sessions are
     * another domain's. Failed sessions per result-type add up the failure details' failed-session-count, read from
     * the stored document's figures; failure types are not exclusive (RFC 8460 section 4), so their sum may differ
     * from the failed sessions.
     */
    void stored(ExtractedReport report) {
        increment(REPORTS_STORED);
        if (report.outcome() != ReportOutcome.ACCEPTED) {
            return;
        }
        add(SESSIONS_SUCCESSFUL, report.successfulSessions());
        add(SESSIONS_FAILED, report.failedSessions());
        Map<String, Long> byName = new TreeMap<>();
        failedSessionsByResultType(report.document()).forEach((type, sessions) -> {
            if (sessions > 0) {
                byName.merge(resultTypeName(type), sessions, ReportMetrics::saturatedSum);
            }
        });
        byName.forEach((name, sessions) -> add(failed(name), sessions));
    }

    void duplicate() {
        increment(REPORTS_DUPLICATE);
    }

    void summarySent() {
        increment(SUMMARIES_SENT);
    }

    void summaryFailed() {
        increment(SUMMARIES_FAILED);
    }

    void digestSent() {
        increment(DIGESTS_SENT);
    }

    void digestFailed() {
        increment(DIGESTS_FAILED);
    }

    private void increment(String name) {
        factory.generate(name).increment();
    }

    /** Adds a count; James's counters take an int, so one report adds at most {@link Integer#MAX_VALUE}. */
    private void add(String name, long count) {
        if (count > 0) {
            factory.generate(name).add((int) Math.min(count, Integer.MAX_VALUE));
        }
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * The figures' failed-sessions-by-result-type of a stored document (core's {@code StoredReport} JSON), read with
     * a streaming parser that skips the report and stops after the figures. Result-types as the report gave them;
     * empty when the document has none or cannot be read. Never throws.
     */
    static Map<String, Long> failedSessionsByResultType(String document) {
        Map<String, Long> sessions = new TreeMap<>();
        if (document == null) {
            return sessions;
        }
        try (JsonParser parser = JSON.createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return sessions;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("figures".equals(name) && value == JsonToken.START_OBJECT) {
                    readFigures(parser, sessions);
                    return sessions;
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException unreadable) {
            // what was read so far stands
        }
        return sessions;
    }

    private static void readFigures(JsonParser parser, Map<String, Long> sessions) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("failed-sessions-by-result-type".equals(name) && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String type = parser.currentName();
                    if (parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                        sessions.merge(type, parser.getLongValue(), ReportMetrics::saturatedSum);
                    } else {
                        parser.skipChildren();
                    }
                }
                return;
            }
            parser.skipChildren();
        }
    }
}
