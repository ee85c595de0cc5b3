package io.github.jamestlsrpt.mailets.summary;

import io.github.jamestlsrpt.core.explain.ReportFacts;
import io.github.jamestlsrpt.core.explain.SafeText;
import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one summary says, in the words both of its parts share (the plain part and the HTML part say the same). Every
 * string that came from the report is {@link SafeText} here and made {@link LinkFree}; the HTML renderer escapes it.
 *
 * @param facts the report's facts, or empty when the report could not be read again (then only the figures
 *     extraction found are shown)
 * @param report the report as extraction left it on the mail
 * @param dkim the mail's DKIM verdict, or empty when unknown
 * @param condition why this summary was sent, completing "Sent because this report ..."
 */
record SummaryContent(
        Optional<ReportFacts> facts, ExtractedReport report, Optional<DkimVerdict> dkim, String condition) {

    private static final int DOMAINS_NAMED = 3;

    SummaryContent {
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(dkim, "dkim");
        Objects.requireNonNull(condition, "condition");
    }

    long successfulSessions() {
        return facts.map(ReportFacts::successfulSessions).orElse(report.successfulSessions());
    }

    long failedSessions() {
        return facts.map(ReportFacts::failedSessions).orElse(report.failedSessions());
    }

    /** The distinct policy domains, in report order (a DANE host report's domain is its MX host). */
    List<String> domains() {
        List<String> raw = new ArrayList<>();
        if (facts.isPresent()) {
            facts.get().policies().shown().forEach(policy -> raw.add(policy.policyDomain()));
        } else {
            raw.addAll(report.policyDomains());
        }
        Map<String, String> distinct = new LinkedHashMap<>();
        for (String domain : raw) {
            if (domain != null && !domain.isBlank()) {
                String safe = LinkFree.text(SafeText.of(domain.strip(), 200));
                distinct.putIfAbsent(safe.toLowerCase(Locale.ROOT), safe);
            }
        }
        return new ArrayList<>(distinct.values());
    }

    /** "example.com", "example.com and example.org", "a, b, c and 2 more", or "no named domain". */
    String domainList() {
        List<String> domains = domains();
        if (domains.isEmpty()) {
            return "no named domain";
        }
        int named = Math.min(domains.size(), DOMAINS_NAMED);
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < named; i++) {
            if (i > 0) {
                list.append(i == named - 1 && named == domains.size() ? " and " : ", ");
            }
            list.append(domains.get(i));
        }
        if (domains.size() > named) {
            list.append(" and ").append(domains.size() - named).append(" more");
        }
        return list.toString();
    }

    /** "12 of 4,000 sessions to example.com failed (0.3%)", "No session to example.com failed (4,000 sessions)". */
    String headline() {
        long failed = failedSessions();
        long total = successfulSessions() + failed;
        if (failed == 0) {
            return "No session to " + domainList() + " failed ("
                    + (total == 0 ? "no sessions" : ReportFacts.count(total, "session")) + ")";
        }
        return ReportFacts.number(failed) + " of " + ReportFacts.count(total, "session") + " to " + domainList()
                + " failed (" + ReportFacts.percent((double) failed / total) + ")";
    }

    String reporter() {
        if (facts.isPresent()) {
            return LinkFree.text(facts.get().reporter());
        }
        return report.organization() == null || report.organization().isBlank()
                ? "an unnamed reporter"
                : LinkFree.text(SafeText.of(report.organization()));
    }

    String reportId() {
        return LinkFree.text(SafeText.of(report.reportId()));
    }

    /** The period in words, or empty when unknown. */
    Optional<String> period() {
        return facts.map(ReportFacts::period);
    }

    String totals() {
        return ReportFacts.sessions(successfulSessions(), failedSessions());
    }

    /** The DKIM verdict in words: whether the report is authenticated, and why. */
    String dkimLine() {
        if (dkim.isEmpty()) {
            return "unknown (the mail carries no DKIM verdict)";
        }
        DkimVerdict verdict = dkim.get();
        String reason = LinkFree.text(SafeText.of(verdict.reason(), 300));
        return switch (verdict.result()) {
            case PASS -> "pass, signed by " + LinkFree.text(SafeText.of(verdict.domain())) + " (" + reason + ")";
            case FAIL -> "fail: this report is not authenticated, anyone could have sent it (" + reason + ")";
            case NONE -> "none: the mail carries no DKIM signature, so this report is not authenticated";
            case NOT_CHECKED -> "not checked (" + reason + ")";
        };
    }

    /** Whether the DKIM verdict leaves the report unauthenticated (accepted only because of dkim=flag or off). */
    boolean unauthenticated() {
        return dkim.isEmpty() || !dkim.get().passed();
    }

    /** What extraction said about an accepted report (such as being accepted although out of scope), or empty. */
    Optional<String> note() {
        return report.reason() == null || report.reason().isBlank()
                ? Optional.empty()
                : Optional.of(LinkFree.text(SafeText.of(report.reason(), 400)));
    }

    /** Said when the report could not be read again, so only its totals are known. */
    static final String NO_DETAILS = "The details of this report could not be read again for this summary (it may"
            + " exceed the default reader limits); the stored report has them.";

    /** The closing words: why this mail was sent, and that nothing in it is a link. */
    String footer() {
        return "Sent by james-tlsrpt because this report " + condition + ". Nothing in this mail is a link and"
                + " nothing was fetched: text from the report (which anyone can write) is shown as text only. The"
                + " report itself is not attached.";
    }
}
