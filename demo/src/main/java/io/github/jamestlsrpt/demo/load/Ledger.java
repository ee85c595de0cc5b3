package io.github.jamestlsrpt.demo.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The load run's books: what was sent and accepted over SMTP, against what the mailboxes hold at the end. Every report
 * sent must be stored exactly once (nothing lost, nothing twice, nothing that was not sent), and every accepted mail
 * must reach its INBOX exactly once. The latencies are measured from the SMTP acceptance of a mail (the client has
 * read James's 250 reply to the end of DATA) to the internal date of the stored message (set by James's mailbox
 * when the message is appended, in milliseconds of the same clock); for a report sent several times, from the first
 * acceptance of a mail carrying it.
 */
public final class Ledger {

    /**
     * A mail James accepted.
     *
     * @param messageId its Message-ID
     * @param reportIds the report-id of each report in it; none for an ordinary mail
     * @param acceptedAtMillis when the client read James's 250 reply to the end of DATA (epoch milliseconds)
     */
    public record Sent(String messageId, List<String> reportIds, long acceptedAtMillis) {

        public Sent {
            reportIds = List.copyOf(reportIds);
        }
    }

    /**
     * A message found in a folder.
     *
     * @param key its report-id (X-TLSRPT-Report-Id) in the reports' folder, its Message-ID in an INBOX
     * @param appendedAtMillis its internal date (epoch milliseconds)
     */
    public record Stored(String key, long appendedAtMillis) {}

    /**
     * What the books show.
     *
     * @param expectedReports the distinct reports sent
     * @param lostReports reports sent and not stored
     * @param duplicatedReports reports stored more than once
     * @param unexpectedReports stored reports that were never sent
     * @param expectedMails the accepted mails
     * @param lostMails accepted mails absent from the INBOX
     * @param duplicatedMails mails present more than once in the INBOX
     * @param reportTimings of each report stored once, its (first) acceptance and its latency to storage, in
     *     milliseconds, in the order of acceptance
     * @param mailTimings of each mail delivered once, its acceptance and its latency to the INBOX, in the order of
     *     acceptance
     * @param lastAppendedAtMillis the latest internal date of all the messages counted; 0 when none
     */
    public record Verdict(
            int expectedReports,
            List<String> lostReports,
            List<String> duplicatedReports,
            List<String> unexpectedReports,
            int expectedMails,
            List<String> lostMails,
            List<String> duplicatedMails,
            List<Timing> reportTimings,
            List<Timing> mailTimings,
            long lastAppendedAtMillis) {

        public Verdict {
            reportTimings = List.copyOf(reportTimings);
            mailTimings = List.copyOf(mailTimings);
        }

        /** Acceptance to storage of each report stored once, ascending. */
        public long[] reportLatenciesMillis() {
            return ascending(reportTimings);
        }

        /** Acceptance to INBOX of each mail delivered once, ascending. */
        public long[] mailLatenciesMillis() {
            return ascending(mailTimings);
        }

        /** Nothing lost, nothing twice, nothing unexpected. */
        public boolean ok() {
            return lostReports.isEmpty()
                    && duplicatedReports.isEmpty()
                    && unexpectedReports.isEmpty()
                    && lostMails.isEmpty()
                    && duplicatedMails.isEmpty();
        }

        /** One line per kind of fault, with up to five examples; empty when {@link #ok()}. */
        public List<String> faults() {
            List<String> faults = new ArrayList<>();
            fault(faults, "reports lost", lostReports, expectedReports);
            fault(faults, "reports stored more than once", duplicatedReports, expectedReports);
            fault(faults, "reports stored that were never sent", unexpectedReports, expectedReports);
            fault(faults, "accepted mails missing from the INBOX", lostMails, expectedMails);
            fault(faults, "mails in the INBOX more than once", duplicatedMails, expectedMails);
            return faults;
        }

        private static void fault(List<String> faults, String what, List<String> keys, int of) {
            if (!keys.isEmpty()) {
                faults.add(keys.size() + " of " + of + " " + what + ", such as "
                        + String.join(", ", keys.subList(0, Math.min(5, keys.size()))));
            }
        }
    }

    /** When a mail was accepted, and how long after that its report or itself was stored, in milliseconds. */
    public record Timing(long acceptedAtMillis, long latencyMillis) {}

    private Ledger() {}

    /** The latencies of the timings, ascending. */
    public static long[] ascending(List<Timing> timings) {
        long[] latencies = timings.stream().mapToLong(Timing::latencyMillis).toArray();
        Arrays.sort(latencies);
        return latencies;
    }

    /**
     * Checks the folders against the mails sent.
     *
     * @param sent the mails James accepted
     * @param reports the messages of the reports' folder (empty when no report was sent)
     * @param inbox the messages of the recipient's INBOX
     */
    public static Verdict check(List<Sent> sent, List<Stored> reports, List<Stored> inbox) {
        Map<String, Long> firstAcceptance = new LinkedHashMap<>();
        Map<String, Long> acceptanceOfMail = new LinkedHashMap<>();
        for (Sent mail : sent) {
            acceptanceOfMail.put(mail.messageId(), mail.acceptedAtMillis());
            for (String reportId : mail.reportIds()) {
                firstAcceptance.merge(reportId, mail.acceptedAtMillis(), Math::min);
            }
        }
        Map<String, List<Long>> storedReports = byKey(reports);
        Map<String, List<Long>> storedMails = byKey(inbox);
        return new Verdict(
                firstAcceptance.size(),
                missing(firstAcceptance, storedReports),
                repeated(storedReports),
                unexpected(firstAcceptance, storedReports),
                acceptanceOfMail.size(),
                missing(acceptanceOfMail, storedMails),
                repeated(storedMails),
                latencies(firstAcceptance, storedReports),
                latencies(acceptanceOfMail, storedMails),
                Math.max(last(reports), last(inbox)));
    }

    /**
     * The nearest-rank percentile of ascending values: the smallest value that at least {@code percent} per cent of
     * them do not exceed.
     */
    public static long percentile(long[] ascending, double percent) {
        if (ascending.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(percent / 100 * ascending.length);
        return ascending[Math.max(0, Math.min(ascending.length, rank) - 1)];
    }

    private static Map<String, List<Long>> byKey(List<Stored> messages) {
        Map<String, List<Long>> byKey = new HashMap<>();
        for (Stored message : messages) {
            byKey.computeIfAbsent(message.key(), key -> new ArrayList<>()).add(message.appendedAtMillis());
        }
        return byKey;
    }

    private static List<String> missing(Map<String, Long> expected, Map<String, List<Long>> stored) {
        return expected.keySet().stream()
                .filter(key -> !stored.containsKey(key))
                .toList();
    }

    private static List<String> repeated(Map<String, List<Long>> stored) {
        TreeSet<String> keys = new TreeSet<>();
        stored.forEach((key, times) -> {
            if (times.size() > 1) {
                keys.add(key);
            }
        });
        return List.copyOf(keys);
    }

    private static List<String> unexpected(Map<String, Long> expected, Map<String, List<Long>> stored) {
        return new TreeSet<>(stored.keySet())
                .stream().filter(key -> !expected.containsKey(key)).toList();
    }

    private static List<Timing> latencies(Map<String, Long> acceptance, Map<String, List<Long>> stored) {
        return acceptance.entrySet().stream()
                .filter(entry -> stored.getOrDefault(entry.getKey(), List.of()).size() == 1)
                .map(entry ->
                        new Timing(entry.getValue(), stored.get(entry.getKey()).get(0) - entry.getValue()))
                .sorted(Comparator.comparingLong(Timing::acceptedAtMillis))
                .toList();
    }

    private static long last(List<Stored> messages) {
        return messages.stream().mapToLong(Stored::appendedAtMillis).max().orElse(0);
    }
}
