package io.github.jamestlsrpt.core.digest;

import io.github.jamestlsrpt.core.document.PolicyScope;
import io.github.jamestlsrpt.core.explain.Explanation;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one digest says, ready to be rendered: the figures of a period per domain, worst first, against the period
 * before and the days before that. Computed by {@link DigestCalculator} from stored reports; knows nothing of mail.
 * Every string that came from a report is {@link io.github.jamestlsrpt.core.explain.SafeText}: a renderer still
 * escapes it for its format.
 *
 * @param period the period the digest is about
 * @param previous the period before, for the trend
 * @param historyFirstDay the first day of the history the period is compared with (for failure types seen for the
 *     first time and for silent reporters); the history ends where the period starts
 * @param days the days of the daily series ({@link DomainDigest#daily()}), oldest first, the period's last day last
 * @param totals all domains together
 * @param receipts what became of the report mails received in the period, or empty when no receipts are recorded
 * @param domains the domains (domain reports: MTA-STS, no policy, DANE filed under a mail domain), worst first
 * @param hosts the MX hosts of DANE host reports, worst first
 * @param unreadable stored messages of the period that could not be read as stored reports (left out)
 */
public record Digest(
        DigestPeriod period,
        DigestPeriod previous,
        LocalDate historyFirstDay,
        List<LocalDate> days,
        Totals totals,
        Optional<ReceiptCounts> receipts,
        List<DomainDigest> domains,
        List<DomainDigest> hosts,
        int unreadable) {

    public Digest {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(historyFirstDay, "historyFirstDay");
        days = List.copyOf(days);
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(receipts, "receipts");
        domains = List.copyOf(domains);
        hosts = List.copyOf(hosts);
    }

    /** The worst severity of any domain or host; {@link DigestSeverity#OK} when there is none. */
    public DigestSeverity worst() {
        DigestSeverity worst = DigestSeverity.OK;
        for (DomainDigest domain : domains) {
            worst = domain.severity().compareTo(worst) > 0 ? domain.severity() : worst;
        }
        for (DomainDigest host : hosts) {
            worst = host.severity().compareTo(worst) > 0 ? host.severity() : worst;
        }
        return worst;
    }

    /**
     * Sessions of a period.
     *
     * @param successful successful sessions
     * @param failed failed sessions
     */
    public record Sessions(long successful, long failed) {

        public static final Sessions NONE = new Sessions(0, 0);

        public long total() {
            return successful + failed;
        }

        /** Failed over all sessions, or empty when there were none. */
        public Optional<Double> failureRate() {
            return total() == 0 ? Optional.empty() : Optional.of((double) failed / total());
        }

        /** Successful over all sessions, or empty when there were none. */
        public Optional<Double> successRate() {
            return total() == 0 ? Optional.empty() : Optional.of((double) successful / total());
        }

        Sessions plus(long moreSuccessful, long moreFailed) {
            return new Sessions(successful + moreSuccessful, failed + moreFailed);
        }
    }

    /**
     * All domains together.
     *
     * @param reports the reports received in the period
     * @param reporters the distinct reporters of those reports
     * @param sessions their sessions
     * @param previous the sessions of the reports received in the period before
     */
    public record Totals(int reports, int reporters, Sessions sessions, Sessions previous) {
        public Totals {
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(previous, "previous");
        }
    }

    /**
     * What became of the reports received in the period. The stored ones are counted from the stored folder itself;
     * the others, which are never in it, from the store's receipts (a receipt is written for each report mail that
     * had a report not stored as new).
     *
     * @param stored reports stored in the folder
     * @param duplicates reports already stored (not stored again)
     * @param outOfScope reports about domains not served here (stored apart, or not at all)
     * @param unauthenticated reports no DKIM signature authenticates (not stored)
     * @param invalid report parts that could not be used (not stored)
     */
    public record ReceiptCounts(long stored, long duplicates, long outOfScope, long unauthenticated, long invalid) {

        /** Every report received in the period, whatever became of it. */
        public long received() {
            return stored + duplicates + outOfScope + unauthenticated + invalid;
        }
    }

    /**
     * One domain (or, for DANE host reports, one MX host) in the period.
     *
     * @param name the policy-domain, lower case
     * @param scope a mail domain, or an MX host (DANE host reports)
     * @param severity the band of its failure rate
     * @param sessions its sessions in the period
     * @param previous its sessions in the period before
     * @param policies the policies the reporters applied, in words ("MTA-STS policy, mode enforce"), sorted
     * @param failures its failure types in the period, most sessions first
     * @param failureTypesOmitted failure types left out of {@code failures}
     * @param worstMx the receiving MX hosts with the most failed sessions, most first
     * @param mxOmitted receiving MX hosts with failed sessions left out of {@code worstMx}
     * @param reports the reports about it received in the period
     * @param reporters who sent them, sorted
     * @param silentReporters reporters that used to report about it and fell silent
     * @param hasHistory whether reports about it were received in the history before the period (without them,
     *     nothing can be "seen for the first time")
     * @param duplicates reports about it received again in the period (already stored)
     * @param unauthenticated reports claiming to be about it that no DKIM signature authenticates
     * @param daily its sessions per day of {@link Digest#days()}
     */
    public record DomainDigest(
            String name,
            PolicyScope scope,
            DigestSeverity severity,
            Sessions sessions,
            Sessions previous,
            List<String> policies,
            List<FailureType> failures,
            int failureTypesOmitted,
            List<Place> worstMx,
            int mxOmitted,
            int reports,
            List<String> reporters,
            List<SilentReporter> silentReporters,
            boolean hasHistory,
            long duplicates,
            long unauthenticated,
            List<Sessions> daily) {

        public DomainDigest {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(previous, "previous");
            policies = List.copyOf(policies);
            failures = List.copyOf(failures);
            worstMx = List.copyOf(worstMx);
            reporters = List.copyOf(reporters);
            silentReporters = List.copyOf(silentReporters);
            daily = List.copyOf(daily);
        }

        /**
         * The change of the success rate against the period before, in percentage points (+1.5: 1.5 points better),
         * or empty when either period had no sessions.
         */
        public Optional<Double> change() {
            if (sessions.total() == 0 || previous.total() == 0) {
                return Optional.empty();
            }
            return Optional.of((sessions.successRate().orElseThrow()
                            - previous.successRate().orElseThrow())
                    * 100);
        }

        /** The failure types seen in the period that were not seen in the history before. */
        public List<FailureType> firstSeen() {
            return failures.stream().filter(FailureType::firstSeen).toList();
        }
    }

    /**
     * One failure type of a domain in the period.
     *
     * @param resultType the result-type as sent
     * @param explanation what it means and what usually fixes it
     * @param sessions its failed sessions
     * @param firstSeen true when the domain had reports in the history but none with this failure type
     */
    public record FailureType(String resultType, Explanation explanation, long sessions, boolean firstSeen) {
        public FailureType {
            Objects.requireNonNull(resultType, "resultType");
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /**
     * A receiving MX host (its name, else its IP) and its failed sessions.
     *
     * @param name the host
     * @param sessions the failed sessions there
     */
    public record Place(String name, long sessions) {
        public Place {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A reporter that used to send reports about a domain and sent none in the period, for longer than it usually
     * waits between two reports.
     *
     * @param name the reporter
     * @param lastDay the day its last report about the domain was received
     * @param reportDays on how many days of the history it sent reports about the domain
     * @param usualIntervalDays the days it usually waits between two reports (the median)
     */
    public record SilentReporter(String name, LocalDate lastDay, int reportDays, int usualIntervalDays) {
        public SilentReporter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lastDay, "lastDay");
        }
    }
}
