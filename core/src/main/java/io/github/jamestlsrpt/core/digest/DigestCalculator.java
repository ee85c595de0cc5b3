package io.github.jamestlsrpt.core.digest;

import io.github.jamestlsrpt.core.digest.Digest.DomainDigest;
import io.github.jamestlsrpt.core.digest.Digest.FailureType;
import io.github.jamestlsrpt.core.digest.Digest.Place;
import io.github.jamestlsrpt.core.digest.Digest.ReceiptCounts;
import io.github.jamestlsrpt.core.digest.Digest.Sessions;
import io.github.jamestlsrpt.core.digest.Digest.SilentReporter;
import io.github.jamestlsrpt.core.document.Figures;
import io.github.jamestlsrpt.core.document.PolicyScope;
import io.github.jamestlsrpt.core.explain.Explanation;
import io.github.jamestlsrpt.core.explain.Explanations;
import io.github.jamestlsrpt.core.model.PolicyType;
import io.github.jamestlsrpt.core.model.ResultType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Computes a {@link Digest} from the reports received in a window: the period, and the {@value #HISTORY_DAYS} days
 * before it. One pass over the reports, each policy added to its domain's running figures, so the cost is linear in
 * the reports of the window; memory grows with the domains and reporters, not with the reports.
 *
 * <p>A report counts in the period it was <em>received</em> in, not in the period it covers: reporters send a day's
 * report during the next day (RFC 8460 section 4.1 leaves the time to them), so a digest of the reports received by
 * its run time is complete, and each report counts in exactly one digest. The daily series are per day of receipt
 * too.
 *
 * <p>What is compared with what: the trend is the period against the period before; a failure type is "seen for the
 * first time" when the domain had reports in the history but none with that type; a reporter is "silent" when it
 * sent reports about the domain on at least two days of the history, none in the period, and the days since its last
 * report reach its usual interval (the median of its intervals, so that a reporter that sends weekly is not called
 * silent two days after its report).
 */
public final class DigestCalculator {

    /** The days before the period that it is compared with, and the length of the daily series. */
    public static final int HISTORY_DAYS = 30;
    /** At most this many failure types per domain are kept. */
    public static final int FAILURE_TYPES_KEPT = 20;
    /** At most this many receiving MX hosts per domain are kept. */
    public static final int MX_KEPT = 5;
    /** At most this many reporters (and silent reporters) per domain are kept. */
    public static final int REPORTERS_KEPT = 20;

    private DigestCalculator() {}

    /**
     * @param period the period of the digest
     * @param reports the reports received from {@link #windowStart} to the period's end (others are ignored)
     * @param receipts the receipts of the period (others are ignored), or empty when receipts are not recorded; only
     *     the reports that were not stored as new are counted from them, the stored ones from {@code reports}
     * @param unreadable stored messages that could not be read, to be said in the digest
     */
    public static Digest compute(
            DigestPeriod period,
            Collection<DigestReport> reports,
            Optional<? extends Collection<Receipt>> receipts,
            int unreadable) {
        Objects.requireNonNull(period, "period");
        Window window = new Window(period);
        Map<Key, Accumulator> byDomain = new HashMap<>();
        Set<String> reportersInPeriod = new HashSet<>();
        int reportsInPeriod = 0;
        Sessions total = Sessions.NONE;
        Sessions totalPrevious = Sessions.NONE;
        for (DigestReport report : reports) {
            if (report.received().isBefore(window.historyStart)
                    || !report.received().isBefore(window.end)) {
                continue;
            }
            When when = window.place(report.received());
            if (when == When.PERIOD) {
                reportsInPeriod++;
                reportersInPeriod.add(report.reporter());
            }
            LocalDate day = report.received().atZone(period.zone()).toLocalDate();
            int dayIndex = window.dayIndex(day);
            Set<Key> counted = new HashSet<>();
            for (DigestReport.Policy policy : report.policies()) {
                Key key = new Key(policy.scope(), policy.domain());
                Accumulator domain = byDomain.computeIfAbsent(key, any -> new Accumulator(window.days.size()));
                boolean first = counted.add(key);
                domain.add(report, policy, when, day, dayIndex, first);
                if (when == When.PERIOD) {
                    total = total.plus(policy.successful(), policy.failed());
                } else if (when == When.PREVIOUS) {
                    totalPrevious = totalPrevious.plus(policy.successful(), policy.failed());
                }
            }
        }
        long storedInPeriod = reportsInPeriod;
        Optional<ReceiptCounts> counts = receipts.map(all -> count(window, all, storedInPeriod, byDomain));

        List<DomainDigest> domains = new ArrayList<>();
        List<DomainDigest> hosts = new ArrayList<>();
        for (Map.Entry<Key, Accumulator> entry : byDomain.entrySet()) {
            Optional<DomainDigest> digest = entry.getValue().digest(entry.getKey(), window);
            digest.ifPresent(entry.getKey().scope == PolicyScope.HOST ? hosts::add : domains::add);
        }
        domains.sort(WORST_FIRST);
        hosts.sort(WORST_FIRST);
        return new Digest(
                period,
                window.previous,
                window.historyFirstDay,
                window.days,
                new Digest.Totals(reportsInPeriod, reportersInPeriod.size(), total, totalPrevious),
                counts,
                domains,
                hosts,
                unreadable);
    }

    /** The first instant whose reports a digest of this period needs: the start of its history. */
    public static Instant windowStart(DigestPeriod period) {
        return new Window(period).historyStart;
    }

    /** Worst severity first; then the higher failure rate, the more failed sessions, the name. */
    static final Comparator<DomainDigest> WORST_FIRST = Comparator.comparing(DomainDigest::severity)
            .reversed()
            .thenComparing(domain -> domain.sessions().failureRate().orElse(-1.0), Comparator.reverseOrder())
            .thenComparing(domain -> domain.sessions().failed(), Comparator.reverseOrder())
            .thenComparing(DomainDigest::name);

    /**
     * The reports of the period that were not stored as new, from the receipts. A receipt's own count of stored
     * reports is not used: the stored folder is the one count of those (and receipts are only written for mails with
     * something not stored as new).
     */
    private static ReceiptCounts count(
            Window window, Collection<Receipt> receipts, long stored, Map<Key, Accumulator> byDomain) {
        long duplicates = 0;
        long outOfScope = 0;
        long unauthenticated = 0;
        long invalid = 0;
        for (Receipt receipt : receipts) {
            if (window.place(receipt.received()) != When.PERIOD) {
                continue;
            }
            duplicates += receipt.duplicates();
            for (Receipt.Entry entry : receipt.reports()) {
                switch (entry.outcome()) {
                    case OUT_OF_SCOPE -> outOfScope++;
                    case UNAUTHENTICATED -> {
                        unauthenticated++;
                        forEachKnownDomain(entry, byDomain, domain -> domain.unauthenticated++);
                    }
                    case INVALID -> invalid++;
                    case ACCEPTED -> {
                        if (receipt.allDuplicates()) {
                            forEachKnownDomain(entry, byDomain, domain -> domain.duplicates++);
                        }
                    }
                }
            }
        }
        return new ReceiptCounts(stored, duplicates, outOfScope, unauthenticated, invalid);
    }

    /** Only domains the digest knows from stored reports: an unauthenticated report may name any domain at all. */
    private static void forEachKnownDomain(
            Receipt.Entry entry, Map<Key, Accumulator> byDomain, Consumer<Accumulator> action) {
        Set<Accumulator> seen = new HashSet<>();
        for (String name : entry.domains()) {
            Accumulator domain = byDomain.get(new Key(PolicyScope.DOMAIN, name));
            if (domain == null) {
                domain = byDomain.get(new Key(PolicyScope.HOST, name));
            }
            if (domain != null && seen.add(domain)) {
                action.accept(domain);
            }
        }
    }

    private enum When {
        PERIOD,
        PREVIOUS,
        HISTORY
    }

    private record Key(PolicyScope scope, String name) {}

    /** The period, the one before, and the history, as instants and days. */
    private static final class Window {
        private final DigestPeriod period;
        private final DigestPeriod previous;
        private final Instant start;
        private final Instant end;
        private final Instant previousStart;
        private final LocalDate historyFirstDay;
        private final Instant historyStart;
        private final List<LocalDate> days;

        Window(DigestPeriod period) {
            this.period = period;
            this.previous = period.previous();
            this.start = period.start();
            this.end = period.end();
            this.previousStart = previous.start();
            this.historyFirstDay = period.first().minusDays(HISTORY_DAYS);
            this.historyStart = historyFirstDay.atStartOfDay(period.zone()).toInstant();
            List<LocalDate> series = new ArrayList<>(HISTORY_DAYS);
            for (int i = HISTORY_DAYS - 1; i >= 0; i--) {
                series.add(period.last().minusDays(i));
            }
            this.days = List.copyOf(series);
        }

        When place(Instant received) {
            if (!received.isBefore(start) && received.isBefore(end)) {
                return When.PERIOD;
            }
            if (received.isBefore(start) && !received.isBefore(previousStart)) {
                return When.PREVIOUS;
            }
            return received.isBefore(start) && !received.isBefore(historyStart) ? When.HISTORY : null;
        }

        /** The index of the day in {@link #days}, or -1. */
        int dayIndex(LocalDate day) {
            long index = ChronoUnit.DAYS.between(days.get(0), day);
            return index >= 0 && index < days.size() ? (int) index : -1;
        }
    }

    /** One reporter's reports about one domain in the history. */
    private static final class ReporterHistory {
        private String name;
        private final TreeSet<LocalDate> days = new TreeSet<>();
    }

    /** The running figures of one domain. */
    private static final class Accumulator {
        private Sessions sessions = Sessions.NONE;
        private Sessions previous = Sessions.NONE;
        private final Map<String, Long> failures = new HashMap<>();
        private final Map<String, Long> mx = new HashMap<>();
        private final Set<String> policies = new TreeSet<>();
        private final Map<String, String> reporters = new HashMap<>();
        private final Map<String, ReporterHistory> history = new HashMap<>();
        private final Set<String> historyTypes = new HashSet<>();
        private boolean hasHistory;
        private int reports;
        private long duplicates;
        private long unauthenticated;
        private final long[] dailySuccessful;
        private final long[] dailyFailed;

        Accumulator(int days) {
            dailySuccessful = new long[days];
            dailyFailed = new long[days];
        }

        void add(
                DigestReport report,
                DigestReport.Policy policy,
                When when,
                LocalDate day,
                int dayIndex,
                boolean firstPolicyOfReport) {
            if (dayIndex >= 0) {
                dailySuccessful[dayIndex] += policy.successful();
                dailyFailed[dayIndex] += policy.failed();
            }
            if (when == When.PERIOD) {
                sessions = sessions.plus(policy.successful(), policy.failed());
                policy.failedByResultType().forEach((type, count) -> failures.merge(type, count, Long::sum));
                policy.failedByReceivingMx().forEach((host, count) -> mx.merge(host, count, Long::sum));
                policies.add(policyWords(policy));
                reporters.put(report.reporter(), report.reporterName());
                if (firstPolicyOfReport) {
                    reports++;
                }
                return;
            }
            if (when == When.PREVIOUS) {
                previous = previous.plus(policy.successful(), policy.failed());
            }
            hasHistory = true;
            policy.failedByResultType().forEach((type, count) -> {
                if (count > 0) {
                    historyTypes.add(type);
                }
            });
            ReporterHistory reporter = history.computeIfAbsent(report.reporter(), any -> new ReporterHistory());
            reporter.name = report.reporterName();
            reporter.days.add(day);
        }

        Optional<DomainDigest> digest(Key key, Window window) {
            List<SilentReporter> silent = silentReporters(window);
            if (reports == 0 && silent.isEmpty()) {
                return Optional.empty();
            }
            List<FailureType> failureTypes = new ArrayList<>();
            List<Map.Entry<String, Long>> byCount = largestFirst(failures);
            for (Map.Entry<String, Long> failure : byCount) {
                if (failureTypes.size() == FAILURE_TYPES_KEPT) {
                    break;
                }
                failureTypes.add(new FailureType(
                        failure.getKey(),
                        explanation(failure.getKey()),
                        failure.getValue(),
                        hasHistory && !historyTypes.contains(failure.getKey())));
            }
            List<Place> worst = new ArrayList<>();
            List<Map.Entry<String, Long>> hosts = largestFirst(mx).stream()
                    .filter(host -> host.getValue() > 0)
                    .toList();
            for (Map.Entry<String, Long> host : hosts) {
                if (worst.size() == MX_KEPT) {
                    break;
                }
                worst.add(new Place(host.getKey(), host.getValue()));
            }
            List<String> names = new ArrayList<>(new TreeSet<>(reporters.values()));
            List<Sessions> daily = new ArrayList<>(dailySuccessful.length);
            for (int i = 0; i < dailySuccessful.length; i++) {
                daily.add(new Sessions(dailySuccessful[i], dailyFailed[i]));
            }
            return Optional.of(new DomainDigest(
                    key.name(),
                    key.scope(),
                    DigestSeverity.of(sessions.successful(), sessions.failed(), !silent.isEmpty()),
                    sessions,
                    previous,
                    List.copyOf(policies),
                    failureTypes,
                    byCount.size() - failureTypes.size(),
                    worst,
                    hosts.size() - worst.size(),
                    reports,
                    names.subList(0, Math.min(names.size(), REPORTERS_KEPT)),
                    silent,
                    hasHistory,
                    duplicates,
                    unauthenticated,
                    daily));
        }

        private List<SilentReporter> silentReporters(Window window) {
            List<SilentReporter> silent = new ArrayList<>();
            for (Map.Entry<String, ReporterHistory> entry : new TreeMap<>(history).entrySet()) {
                ReporterHistory reporter = entry.getValue();
                if (reporters.containsKey(entry.getKey()) || reporter.days.size() < 2) {
                    continue;
                }
                List<Long> intervals = new ArrayList<>();
                LocalDate before = null;
                for (LocalDate day : reporter.days) {
                    if (before != null) {
                        intervals.add(ChronoUnit.DAYS.between(before, day));
                    }
                    before = day;
                }
                intervals.sort(null);
                long usual = Math.max(1, intervals.get((intervals.size() - 1) / 2));
                LocalDate last = reporter.days.last();
                if (ChronoUnit.DAYS.between(last, window.period.last()) >= usual) {
                    silent.add(new SilentReporter(reporter.name, last, reporter.days.size(), (int) usual));
                }
            }
            silent.sort(Comparator.comparing(SilentReporter::lastDay).thenComparing(SilentReporter::name));
            return silent.size() <= REPORTERS_KEPT ? silent : silent.subList(0, REPORTERS_KEPT);
        }
    }

    private static List<Map.Entry<String, Long>> largestFirst(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return sorted;
    }

    /** "MTA-STS policy, mode enforce", "DANE (TLSA records)", "no policy". */
    static String policyWords(DigestReport.Policy policy) {
        if (policy.policyType() == null) {
            return "no policy type named";
        }
        String words = Explanations.of(PolicyType.of(policy.policyType())).title();
        return policy.stsMode() == null ? words : words + ", mode " + policy.stsMode();
    }

    static Explanation explanation(String resultType) {
        if (Figures.NO_RESULT_TYPE.equals(resultType) || StoredDocumentReader.OTHER_TYPES.equals(resultType)) {
            return new Explanation(
                    resultType.equals(Figures.NO_RESULT_TYPE) ? "failure of an unnamed kind" : "other failure types",
                    resultType.equals(Figures.NO_RESULT_TYPE)
                            ? "The sender did not say what failed."
                            : "More failure types than a digest lists; the stored reports have them.",
                    "");
        }
        return Explanations.of(ResultType.of(resultType));
    }
}
