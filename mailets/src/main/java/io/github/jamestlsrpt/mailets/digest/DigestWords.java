package io.github.jamestlsrpt.mailets.digest;

import io.github.jamestlsrpt.core.digest.Digest;
import io.github.jamestlsrpt.core.digest.Digest.DomainDigest;
import io.github.jamestlsrpt.core.digest.Digest.ReceiptCounts;
import io.github.jamestlsrpt.core.digest.Digest.Sessions;
import io.github.jamestlsrpt.core.digest.Digest.SilentReporter;
import io.github.jamestlsrpt.core.digest.DigestCalculator;
import io.github.jamestlsrpt.core.digest.DigestSeverity;
import io.github.jamestlsrpt.core.explain.ReportFacts;
import io.github.jamestlsrpt.mailets.summary.LinkFree;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The words both parts of a digest share, so that the plain part and the HTML part say the same. Text from reports
 * (domains, reporters, MX hosts) is already one line here ({@code SafeText} in core) and is made {@link LinkFree}; the
 * HTML renderer escapes everything.
 */
final class DigestWords {

    /** At most this many domains (and as many DANE hosts) get a section of their own. */
    static final int DETAILED = 50;
    /** At most this many more are listed one line each. */
    static final int LISTED = 200;

    private DigestWords() {}

    static String title(Digest digest) {
        return "TLS-RPT digest for " + digest.period().label();
    }

    /** "Reports received on 2026-11-28 (UTC)" or "in week 2026-W48, ...". */
    static String scope(Digest digest) {
        return "Reports received "
                + (digest.period().first().equals(digest.period().last()) ? "on " : "in ")
                + digest.period().label() + ", compared with the " + periodWord(digest) + " before and with the "
                + DigestCalculator.HISTORY_DAYS + " days before that.";
    }

    private static String periodWord(Digest digest) {
        return switch (digest.period().cadence()) {
            case DAILY -> "day";
            case WEEKLY -> "week";
        };
    }

    /** "3 domains: 1 critical, 1 notice, 1 ok", "No reports were received." */
    static String overview(Digest digest) {
        if (digest.domains().isEmpty() && digest.hosts().isEmpty()) {
            return "No reports about your domains were received, and no reporter fell silent.";
        }
        List<String> parts = new ArrayList<>();
        if (!digest.domains().isEmpty()) {
            parts.add(ReportFacts.count(digest.domains().size(), "domain") + ": " + bands(digest.domains()));
        }
        if (!digest.hosts().isEmpty()) {
            parts.add(ReportFacts.count(digest.hosts().size(), "MX host") + " of DANE host reports: "
                    + bands(digest.hosts()));
        }
        return String.join("; ", parts) + ".";
    }

    private static String bands(List<DomainDigest> domains) {
        Map<DigestSeverity, Integer> counts = new EnumMap<>(DigestSeverity.class);
        domains.forEach(domain -> counts.merge(domain.severity(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        for (DigestSeverity severity :
                List.of(DigestSeverity.CRITICAL, DigestSeverity.WARNING, DigestSeverity.NOTICE, DigestSeverity.OK)) {
            if (counts.containsKey(severity)) {
                parts.add(counts.get(severity) + " " + severity.wireName());
            }
        }
        return String.join(", ", parts);
    }

    /** "14 reports from 3 reporters", "no reports". */
    static String reports(Digest digest) {
        Digest.Totals totals = digest.totals();
        if (totals.reports() == 0) {
            return "no reports";
        }
        return ReportFacts.count(totals.reports(), "report") + " from "
                + ReportFacts.count(totals.reporters(), "reporter");
    }

    /** What became of the reports received, from the stored folder and the receipts; or why that is not known. */
    static String receipts(Digest digest) {
        if (digest.receipts().isEmpty()) {
            return "Invalid, unauthenticated and duplicate reports: not counted, no receipts are recorded for this"
                    + " folder (StoreTlsReports records them).";
        }
        ReceiptCounts counts = digest.receipts().get();
        return ReportFacts.count(counts.received(), "report") + " received: "
                + ReportFacts.number(counts.stored()) + " stored, "
                + ReportFacts.count(counts.duplicates(), "duplicate") + " (already stored), "
                + ReportFacts.number(counts.invalid()) + " invalid, "
                + ReportFacts.number(counts.unauthenticated()) + " unauthenticated (no DKIM signature of the"
                + " reporter), " + ReportFacts.number(counts.outOfScope()) + " out of scope.";
    }

    /** Said when stored messages could not be read, or empty. */
    static Optional<String> unreadable(Digest digest) {
        if (digest.unreadable() == 0) {
            return Optional.empty();
        }
        return Optional.of(ReportFacts.count(digest.unreadable(), "message") + " of the folder "
                + (digest.unreadable() == 1 ? "is" : "are") + " not a readable stored report and "
                + (digest.unreadable() == 1 ? "was" : "were") + " left out.");
    }

    static String severity(DigestSeverity severity) {
        return severity.wireName().toUpperCase(Locale.ROOT);
    }

    /** "example.org: 62.5% of sessions failed", "example.com: no failures", "example.net: no sessions". */
    static String heading(DomainDigest domain) {
        return name(domain) + ": " + verdict(domain);
    }

    static String name(DomainDigest domain) {
        return LinkFree.text(domain.name());
    }

    static String verdict(DomainDigest domain) {
        Sessions sessions = domain.sessions();
        if (sessions.total() == 0) {
            return "no sessions reported";
        }
        if (sessions.failed() == 0) {
            return "no failures";
        }
        return ReportFacts.percent(sessions.failureRate().orElseThrow()) + " of sessions failed";
    }

    static String sessions(Sessions sessions) {
        return ReportFacts.sessions(sessions.successful(), sessions.failed());
    }

    /** "99.7%", "over 99.9%" (never 100% with a failure), "under 0.1%" (never 0% with a success), or "none". */
    static String successRate(Sessions sessions) {
        if (sessions.total() == 0) {
            return "none";
        }
        double percent = sessions.successRate().orElseThrow() * 100;
        if (sessions.failed() > 0 && percent >= 99.95) {
            return "over 99.9%";
        }
        if (sessions.successful() > 0 && percent < 0.05) {
            return "under 0.1%";
        }
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    /** "99.7%, down 0.3 points from 100.0% the day before", or why there is no trend. */
    static String trend(Digest digest, DomainDigest domain) {
        String before = "the " + periodWord(digest) + " before";
        if (domain.sessions().total() == 0) {
            return domain.previous().total() == 0
                    ? "no sessions in this or the " + periodWord(digest) + " before"
                    : "no sessions, against " + successRate(domain.previous()) + " " + before;
        }
        String rate = successRate(domain.sessions());
        Optional<Double> change = domain.change();
        if (change.isEmpty()) {
            return rate + "; no sessions " + before + " to compare with";
        }
        double points = change.get();
        String previous = successRate(domain.previous());
        if (Math.abs(points) < 0.05) {
            return rate + ", as " + before + " (" + previous + ")";
        }
        return rate + ", " + (points > 0 ? "up " : "down ") + String.format(Locale.ROOT, "%.1f", Math.abs(points))
                + " points from " + previous + " " + before;
    }

    /** "2, from Google LLC and Microsoft Corporation". */
    static String reporters(DomainDigest domain) {
        if (domain.reports() == 0) {
            return "none";
        }
        return ReportFacts.number(domain.reports()) + ", from "
                + and(domain.reporters().stream().map(LinkFree::text).toList());
    }

    /** "Yahoo: last report received 2026-11-25, before that on 12 days, usually every day". */
    static String silent(SilentReporter reporter) {
        return LinkFree.text(reporter.name()) + ": last report received " + reporter.lastDay() + ", on "
                + ReportFacts.count(reporter.reportDays(), "day") + " of the " + DigestCalculator.HISTORY_DAYS
                + " days before, usually "
                + (reporter.usualIntervalDays() == 1 ? "every day" : "every " + reporter.usualIntervalDays() + " days");
    }

    /** Why a reporter may fall silent: said once under the list. */
    static final String SILENT_MEANING = "A reporter that falls silent either stopped reporting, or can no longer"
            + " reach you: check the _smtp._tls TXT record of the domain (its rua= address) and that its mails are"
            + " not rejected.";

    /** "2 duplicate reports, 1 unauthenticated report claiming this domain", or empty. */
    static Optional<String> alsoReceived(DomainDigest domain) {
        List<String> parts = new ArrayList<>();
        if (domain.duplicates() > 0) {
            parts.add(ReportFacts.count(domain.duplicates(), "duplicate report") + " (already stored)");
        }
        if (domain.unauthenticated() > 0) {
            parts.add(ReportFacts.count(domain.unauthenticated(), "unauthenticated report")
                    + " claiming to be about it (not stored)");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    /** "mx1.example.com (10 failed sessions), mx2.example.com (2) and 3 more". */
    static String worstMx(DomainDigest domain) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < domain.worstMx().size(); i++) {
            Digest.Place place = domain.worstMx().get(i);
            hosts.add(LinkFree.text(place.name()) + " ("
                    + (i == 0
                            ? ReportFacts.count(place.sessions(), "failed session")
                            : ReportFacts.number(place.sessions()))
                    + ")");
        }
        String list = String.join(", ", hosts);
        return domain.mxOmitted() == 0 ? list : list + " and " + domain.mxOmitted() + " more";
    }

    /** "12 sessions: certificate expired (certificate-expired)". */
    static String failure(Digest.FailureType failure) {
        return ReportFacts.count(failure.sessions(), "session") + ": "
                + LinkFree.text(failure.explanation().title()) + " (" + LinkFree.text(failure.resultType()) + ")";
    }

    static String firstSeen() {
        return "NEW: not seen in the " + DigestCalculator.HISTORY_DAYS + " days before";
    }

    /** Said of a domain with failures but without history, so that "new" is not expected. */
    static String noHistory() {
        return "No reports about it in the " + DigestCalculator.HISTORY_DAYS
                + " days before: nothing to compare its failure types with.";
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    static String footer(Digest digest) {
        return "Sent by james-tlsrpt from the reports stored in the mailbox: each report counts in the "
                + periodWord(digest) + " it was received in (reporters send a day's report during the next day)."
                + " Severity: ok without failed sessions, notice under 10% failed, warning under 50%, critical from"
                + " 50%. Nothing in this mail is a link and nothing was fetched: text from reports (which anyone can"
                + " write) is shown as text only.";
    }

    /** The Subject, before encoding: the period, the worst domain and the bands. */
    static String subject(Digest digest) {
        StringBuilder subject =
                new StringBuilder("TLS-RPT digest ").append(digest.period().id());
        if (digest.domains().isEmpty() && digest.hosts().isEmpty()) {
            return subject.append(": no reports").toString();
        }
        DomainDigest worst = worst(digest);
        subject.append(": ")
                .append(severity(worst.severity()).toLowerCase(Locale.ROOT))
                .append(", ")
                .append(name(worst))
                .append(' ')
                .append(verdict(worst));
        int others = digest.domains().size() + digest.hosts().size() - 1;
        if (others > 0) {
            subject.append(" (and ")
                    .append(ReportFacts.count(others, "more domain"))
                    .append(')');
        }
        return subject.toString();
    }

    static DomainDigest worst(Digest digest) {
        if (digest.hosts().isEmpty()) {
            return digest.domains().get(0);
        }
        if (digest.domains().isEmpty()) {
            return digest.hosts().get(0);
        }
        DomainDigest domain = digest.domains().get(0);
        DomainDigest host = digest.hosts().get(0);
        return host.severity().compareTo(domain.severity()) > 0 ? host : domain;
    }
}
