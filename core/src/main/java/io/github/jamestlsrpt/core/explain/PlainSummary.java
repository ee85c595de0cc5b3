package io.github.jamestlsrpt.core.explain;

import io.github.jamestlsrpt.core.document.Figures;
import io.github.jamestlsrpt.core.document.PolicyScope;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.model.DateRange;
import io.github.jamestlsrpt.core.model.FailureDetail;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import io.github.jamestlsrpt.core.model.TlsReport;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.Severity;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary of one report a domain admin reads: plain text, what failed, what it means, what fixes it. */
public final class PlainSummary {

    /** At most this many places (MX host and IP) are listed per result type. */
    static final int PLACES_SHOWN = 5;

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private PlainSummary() {}

    public static String of(StoredReport document) {
        TlsReport report = document.report();
        Figures figures = document.figures();
        StringBuilder text = new StringBuilder(1024);
        text.append("TLS report from ").append(reporter(report)).append('\n');
        text.append("Report ")
                .append(SafeText.of(report.reportId()))
                .append(", ")
                .append(period(report.dateRange()))
                .append('\n');
        text.append("In total: ")
                .append(sessions(figures.successfulSessions(), figures.failedSessions()))
                .append('\n');

        for (int i = 0; i < report.policies().size(); i++) {
            PolicyResult result = report.policies().get(i);
            Figures.PolicyFigures policyFigures = figures.policies().get(i);
            text.append('\n');
            appendPolicy(text, result, policyFigures);
        }

        appendProblems(text, document.problems());
        return text.toString();
    }

    private static void appendPolicy(StringBuilder text, PolicyResult result, Figures.PolicyFigures figures) {
        String domain = figures.policyDomain() == null ? "(no policy domain)" : SafeText.of(figures.policyDomain());
        PolicyType type = result.policy() == null ? null : result.policy().policyType();
        text.append(domain)
                .append(": ")
                .append(
                        type == null
                                ? "(no policy type)"
                                : Explanations.of(type).title());
        if (figures.stsMode() != null) {
            text.append(", mode ").append(SafeText.of(figures.stsMode()));
        }
        if (figures.scope() == PolicyScope.HOST) {
            text.append(" (host report: about this MX host, not a mail domain)");
        }
        text.append('\n');
        text.append("  ")
                .append(sessions(figures.successfulSessions(), figures.failedSessions()))
                .append('\n');
        if (figures.failedSessions() > 0 && type != null) {
            text.append("  ").append(consequence(type, figures.stsMode())).append('\n');
        }
        for (Map.Entry<String, Long> failure :
                figures.failedSessionsByResultType().entrySet()) {
            appendFailure(text, result, failure.getKey(), failure.getValue());
        }
    }

    private static String consequence(PolicyType type, String stsMode) {
        return switch (type.kind()) {
            case TLSA -> "With DANE, the failed sessions mean mail to you was held back or delayed.";
            case STS -> {
                if (stsMode == null) {
                    yield "The report does not say the MTA-STS mode: in enforce mode the failed sessions mean mail"
                            + " to you was held back; in testing mode it probably went out unencrypted.";
                }
                yield "enforce".equals(stsMode)
                        ? "With MTA-STS in enforce mode, the failed sessions mean mail to you was held back or delayed."
                        : "With MTA-STS in " + SafeText.of(stsMode)
                                + " mode, the failed sessions probably went out unencrypted.";
            }
            case NO_POLICY_FOUND -> "Without a policy, the failed sessions probably went out unencrypted.";
            case OTHER -> "";
        };
    }

    private static void appendFailure(StringBuilder text, PolicyResult result, String resultType, long sessions) {
        Explanation explanation = Figures.NO_RESULT_TYPE.equals(resultType)
                ? new Explanation("failure of an unnamed kind", "The sender did not say what failed.", "")
                : Explanations.of(ResultType.of(resultType));
        text.append("  ")
                .append(count(sessions, "session"))
                .append(" failed: ")
                .append(SafeText.of(explanation.title()))
                .append(" (")
                .append(SafeText.of(resultType))
                .append(")\n");
        text.append("      ").append(explanation.meaning()).append('\n');
        if (!explanation.fix().isEmpty()) {
            text.append("      Fix: ").append(explanation.fix()).append('\n');
        }
        Map<String, Long> places = places(result, resultType);
        int shown = 0;
        for (Map.Entry<String, Long> place : places.entrySet()) {
            if (shown == PLACES_SHOWN) {
                text.append("      and ").append(places.size() - shown).append(" more\n");
                break;
            }
            text.append("      at ").append(place.getKey()).append(": ").append(count(place.getValue(), "session"));
            text.append('\n');
            shown++;
        }
        String reason = firstReason(result, resultType);
        if (reason != null) {
            text.append("      Sender's words: ").append(SafeText.of(reason)).append('\n');
        }
    }

    /** MX host (and IP) to failed sessions, largest first. */
    private static Map<String, Long> places(PolicyResult result, String resultType) {
        Map<String, Long> places = new LinkedHashMap<>();
        for (FailureDetail detail : result.failureDetails()) {
            if (!resultType.equals(typeOf(detail))) {
                continue;
            }
            String host = detail.receivingMxHostname();
            String ip = detail.receivingIp();
            if (host == null && ip == null) {
                continue;
            }
            String place = host == null
                    ? SafeText.of(ip)
                    : SafeText.of(host) + (ip == null ? "" : " (" + SafeText.of(ip) + ")");
            places.merge(place, detail.failedSessionCount() == null ? 0 : detail.failedSessionCount(), Long::sum);
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(places.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> ordered = new LinkedHashMap<>();
        sorted.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    private static String firstReason(PolicyResult result, String resultType) {
        for (FailureDetail detail : result.failureDetails()) {
            if (resultType.equals(typeOf(detail)) && detail.failureReasonCode() != null) {
                return detail.failureReasonCode();
            }
        }
        return null;
    }

    private static String typeOf(FailureDetail detail) {
        return detail.resultType() == null
                ? Figures.NO_RESULT_TYPE
                : detail.resultType().value();
    }

    private static void appendProblems(StringBuilder text, List<Problem> problems) {
        boolean headed = false;
        for (Problem problem : problems) {
            if (problem.severity() == Severity.INFO) {
                continue;
            }
            if (!headed) {
                text.append("\nThe report itself deviates from RFC 8460 (read anyway):\n");
                headed = true;
            }
            text.append("  ")
                    .append(problem.code().code())
                    .append(problem.pointer().isEmpty() ? "" : " at " + problem.pointer())
                    .append(": ")
                    .append(problem.message())
                    .append('\n');
        }
    }

    static String reporter(TlsReport report) {
        String organization = report.organizationName();
        String contact = report.contactInfo();
        if (organization != null && !organization.isBlank()) {
            return SafeText.of(organization) + (contact == null ? "" : " <" + SafeText.of(contact) + ">");
        }
        return contact == null ? "an unnamed reporter" : SafeText.of(contact);
    }

    /** "covering 2024-09-03 (UTC)" for one UTC day, whichever end convention; otherwise both ends. */
    static String period(DateRange range) {
        LocalDateTime start = LocalDateTime.ofInstant(range.start(), ZoneOffset.UTC);
        LocalDateTime end = LocalDateTime.ofInstant(range.end(), ZoneOffset.UTC);
        if (start.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            LocalDate day = start.toLocalDate();
            boolean endsSameDay =
                    end.toLocalDate().equals(day) && end.toLocalTime().isAfter(LocalTime.of(23, 59));
            boolean endsNextMidnight = end.toLocalDate().equals(day.plusDays(1))
                    && end.toLocalTime().equals(LocalTime.MIDNIGHT);
            if (endsSameDay || endsNextMidnight) {
                return "covering " + day + " (UTC)";
            }
        }
        return "from " + MINUTES.format(start) + " to " + MINUTES.format(end) + " (UTC)";
    }

    static String sessions(long successful, long failed) {
        long total = successful + failed;
        if (total == 0) {
            return "no sessions";
        }
        String rate = failed == 0 ? "" : " (" + percent((double) failed / total) + " failed)";
        return count(total, "session") + ": " + number(successful) + " succeeded, " + number(failed) + " failed" + rate;
    }

    static String percent(double rate) {
        double percent = rate * 100;
        if (percent > 0 && percent < 0.1) {
            return "under 0.1%";
        }
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    static String count(long value, String noun) {
        return number(value) + " " + noun + (value == 1 ? "" : "s");
    }

    /** "12,345": digits grouped by three, as {@code String.format(Locale.ROOT, "%,d", value)} without its cost. */
    static String number(long value) {
        String digits = Long.toString(value);
        int sign = value < 0 ? 1 : 0;
        int length = digits.length() - sign;
        if (length <= 3) {
            return digits;
        }
        StringBuilder grouped = new StringBuilder(digits.length() + length / 3);
        int firstGroup = length % 3 == 0 ? 3 : length % 3;
        grouped.append(digits, 0, sign + firstGroup);
        for (int i = sign + firstGroup; i < digits.length(); i += 3) {
            grouped.append(',').append(digits, i, i + 3);
        }
        return grouped.toString();
    }
}
