package io.github.jamestlsrpt.core.digest;

import java.util.Locale;

/**
 * How bad a domain's period was, in bands of its failure rate: no failed session is {@link #OK}, under 10 % failed a
 * {@link #NOTICE}, under 50 % a {@link #WARNING}, 50 % and more {@link #CRITICAL}. A period without sessions is
 * {@link #OK}, unless reporters that used to report fell silent: then it is a {@link #NOTICE}, since the reports
 * themselves may be what broke.
 */
public enum DigestSeverity {
    OK,
    NOTICE,
    WARNING,
    CRITICAL;

    /** A notice from this failure rate on (exclusive below). */
    public static final double NOTICE_FROM = 0.0;
    /** A warning from this failure rate on. */
    public static final double WARNING_FROM = 0.10;
    /** Critical from this failure rate on. */
    public static final double CRITICAL_FROM = 0.50;

    /** The band of these sessions; {@code silentReporters} decides only for a period without sessions. */
    public static DigestSeverity of(long successful, long failed, boolean silentReporters) {
        long total = successful + failed;
        if (total == 0) {
            return silentReporters ? NOTICE : OK;
        }
        if (failed == 0) {
            return OK;
        }
        double rate = (double) failed / total;
        if (rate >= CRITICAL_FROM) {
            return CRITICAL;
        }
        return rate >= WARNING_FROM ? WARNING : NOTICE;
    }

    /** "ok", "notice", "warning", "critical". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
