package io.github.jamestlsrpt.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.document.StoredReportJson;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.read.ReadResult;
import io.github.jamestlsrpt.core.read.ReaderLimits;
import io.github.jamestlsrpt.core.read.ReportReader;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The benchmark inputs: synthetic RFC 8460 reports, generated deterministically from fixed seeds (java.util.Random's
 * algorithm is specified, so every JDK gives the same JSON) and gzipped as senders send them. The JSON is streamed
 * straight into the gzip stream, so that generating the 20 MiB report needs only its compressed bytes in memory
 * (it is generated inside a 64 MiB heap too).
 *
 * <ul>
 *   <li>{@link #SMALL}: the "typical 2 KB gzip report": about 2 KiB gzipped (18 KiB of JSON), shaped as
 *       Google sends them: two sts policies of hosted domains with 80 failure details between them, and a
 *       no-policy-found entry.
 *   <li>{@link #TINY}: the same shape with only 6 failure details, under 1 KiB gzipped (2.5 KiB of JSON): a quiet
 *       day's report, to show the per-report overhead.
 *   <li>{@link #LARGE}: a big sender's report of about 20 MiB of JSON (just under the reader's default 20 MiB
 *       decompressed-size limit) with {@value #LARGE_FAILURE_DETAILS} failure details: varied IPv4 and IPv6 sending
 *       IPs, four MX hosts, eight kinds of failure with realistic failure-reason-code strings (on about a third of
 *       the entries), spread over an sts policy and a tlsa (DANE) policy.
 * </ul>
 *
 * {@link #verify} checks every size claimed here and that the reader reads each payload as a usable report with
 * the generated totals; the benchmarks call it in their setup, so a drifting input fails the run instead of
 * measuring something else.
 */
final class SyntheticReports {

    static final String TINY = "tiny";
    static final String SMALL = "small";
    static final String LARGE = "large";

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;

    /** "Under 1 KiB gzipped". */
    static final long TINY_MAX_GZIP_BYTES = 1024;

    /** "About 2 KiB gzipped". */
    static final long SMALL_MIN_GZIP_BYTES = 1536;

    static final long SMALL_MAX_GZIP_BYTES = 2560;

    static final int LARGE_FAILURE_DETAILS = 100_000;
    /** "About 20 MiB of JSON": at least 19.5 MiB, at most the reader's default decompressed-size limit (20 MiB). */
    static final long LARGE_MIN_JSON_BYTES = 19 * MIB + MIB / 2;

    static final long LARGE_MAX_JSON_BYTES = ReaderLimits.DEFAULTS.maxDecompressedBytes();

    private static final long TINY_SEED = 6241L;
    private static final long SMALL_SEED = 8460L;
    private static final long LARGE_SEED = 20_971_520L;

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * A generated payload and what reading it must give.
     *
     * @param name {@link #SMALL} or {@link #LARGE}
     * @param gzip the payload as it arrives: gzip-compressed JSON
     * @param jsonBytes size of the JSON before compression
     * @param failureDetails number of failure-details entries, all policies together
     * @param successfulSessions sum of total-successful-session-count
     * @param failedSessions sum of total-failure-session-count (equal to the sum of the failure details' counts)
     */
    record Payload(
            String name,
            byte[] gzip,
            long jsonBytes,
            int failureDetails,
            long successfulSessions,
            long failedSessions) {

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%s report: %,d bytes gzipped, %,d bytes of JSON (%.2f MiB), %,d failure details,"
                            + " %,d successful and %,d failed sessions",
                    name,
                    gzip.length,
                    jsonBytes,
                    jsonBytes / (double) MIB,
                    failureDetails,
                    successfulSessions,
                    failedSessions);
        }
    }

    private SyntheticReports() {}

    static Payload named(String name) {
        return switch (name) {
            case TINY -> tiny();
            case SMALL -> small();
            case LARGE -> large();
            default -> throw new IllegalArgumentException("no such report: " + name + " (tiny, small or large)");
        };
    }

    // ------------------------------------------------------------------------------------------ inputs

    private static final String[][] FAILURES = {
        // result-type, failure-reason-code: the shapes seen from OpenSSL- and Go-based senders
        {"certificate-expired", "X509_V_ERR_CERT_HAS_EXPIRED: certificate has expired"},
        {"certificate-host-mismatch", "X509_V_ERR_HOSTNAME_MISMATCH: Hostname mismatch"},
        {"certificate-not-trusted", "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate"},
        {"certificate-not-trusted", "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"},
        {"validation-failure", "tls: handshake failure (alert 40)"},
        {"starttls-not-supported", "STARTTLS not offered in EHLO response"},
    };

    private static final String[][] DANE_FAILURES = {
        {"tlsa-invalid", "no TLSA record matches the certificate chain"},
        {"dnssec-invalid", "DNSSEC validation failed: RRSIG expired"},
    };

    private static final String[] MX_HOSTS = {
        "mx1.example.net", "mx2.example.net", "mx3.example.net", "mx.backup.example.net"
    };
    /** In how many failure details out of 16 a failure-reason-code is sent: tunes the large report to 20 MiB. */
    private static final int REASON_CODE_IN_16 = 6;

    private static final String[] MX_IPS = {"192.0.2.25", "192.0.2.26", "198.51.100.25", "2001:db8:25::1"};

    static Payload tiny() {
        return googleShaped(TINY, TINY_SEED, 4, 2);
    }

    static Payload small() {
        return googleShaped(SMALL, SMALL_SEED, 60, 20);
    }

    /** Google's shape: sts policies with failure details and a no-policy-found entry; two hosted domains. */
    private static Payload googleShaped(String name, long seed, int netDetails, int orgDetails) {
        Random random = new Random(seed);
        Totals totals = new Totals();
        GzipResult gzip = gzipped(json -> {
            json.writeStartObject();
            json.writeStringField("organization-name", "Google Inc.");
            dateRange(json, "2026-03-14");
            json.writeStringField("contact-info", "smtp-tls-reporting@google.com");
            json.writeStringField("report-id", "2026-03-14T00:00:00Z_example.net");
            json.writeArrayFieldStart("policies");

            json.writeStartObject();
            stsPolicy(
                    json,
                    "example.net",
                    "enforce",
                    604_800,
                    "mx1.example.net",
                    "mx2.example.net",
                    "mx3.example.net",
                    "*.backup.example.net");
            summaryAndDetails(json, random, totals, 1_847, netDetails, FAILURES, 40);
            json.writeEndObject();

            json.writeStartObject();
            stsPolicy(json, "example.org", "testing", 86_400, "mx1.example.net", "mx2.example.net");
            summaryAndDetails(json, random, totals, 655, orgDetails, FAILURES, 12);
            json.writeEndObject();

            json.writeStartObject();
            json.writeObjectFieldStart("policy");
            json.writeStringField("policy-type", "no-policy-found");
            json.writeStringField("policy-domain", "lists.example.net");
            json.writeEndObject();
            summaryAndDetails(json, random, totals, 312, 0, FAILURES, 1);
            json.writeEndObject();

            json.writeEndArray();
            json.writeEndObject();
        });
        return new Payload(name, gzip.bytes(), gzip.jsonBytes(), totals.details, totals.successful, totals.failed);
    }

    static Payload large() {
        Random random = new Random(LARGE_SEED);
        Totals totals = new Totals();
        int daneDetails = LARGE_FAILURE_DETAILS / 5;
        int stsDetails = LARGE_FAILURE_DETAILS - daneDetails;
        byte[][] tlsaRecords = new byte[4][32];
        for (byte[] record : tlsaRecords) {
            random.nextBytes(record);
        }
        GzipResult gzip = gzipped(json -> {
            json.writeStartObject();
            json.writeStringField("organization-name", "Big Mail Provider Inc.");
            dateRange(json, "2026-03-14");
            json.writeStringField("contact-info", "tlsrpt-noreply@bigmail.example");
            json.writeStringField("report-id", "20260314T000000Z-7f3a9c21-example.net");
            json.writeArrayFieldStart("policies");

            json.writeStartObject();
            stsPolicy(
                    json,
                    "example.net",
                    "enforce",
                    1_209_600,
                    "mx1.example.net",
                    "mx2.example.net",
                    "mx3.example.net",
                    "mx.backup.example.net");
            summaryAndDetails(json, random, totals, 48_211_907, stsDetails, FAILURES, 60);
            json.writeEndObject();

            json.writeStartObject();
            json.writeObjectFieldStart("policy");
            json.writeStringField("policy-type", "tlsa");
            String[] records = new String[tlsaRecords.length];
            for (int i = 0; i < records.length; i++) {
                records[i] = "3 1 1 " + HexFormat.of().formatHex(tlsaRecords[i]);
            }
            stringArray(json, "policy-string", records);
            json.writeStringField("policy-domain", "mx1.example.net");
            json.writeEndObject();
            summaryAndDetails(json, random, totals, 9_530_114, daneDetails, DANE_FAILURES, 60);
            json.writeEndObject();

            json.writeEndArray();
            json.writeEndObject();
        });
        return new Payload(LARGE, gzip.bytes(), gzip.jsonBytes(), totals.details, totals.successful, totals.failed);
    }

    private static final class Totals {
        int details;
        long successful;
        long failed;
    }

    private static void dateRange(JsonGenerator json, String day) throws IOException {
        json.writeObjectFieldStart("date-range");
        json.writeStringField("start-datetime", day + "T00:00:00Z");
        json.writeStringField("end-datetime", day + "T23:59:59Z");
        json.writeEndObject();
    }

    /** An sts "policy" object whose policy-string and mx-host both come from the same MX patterns. */
    private static void stsPolicy(JsonGenerator json, String domain, String mode, int maxAge, String... mxHosts)
            throws IOException {
        String[] policyLines = new String[mxHosts.length + 3];
        policyLines[0] = "version: STSv1";
        policyLines[1] = "mode: " + mode;
        for (int i = 0; i < mxHosts.length; i++) {
            policyLines[i + 2] = "mx: " + mxHosts[i];
        }
        policyLines[policyLines.length - 1] = "max_age: " + maxAge;
        json.writeObjectFieldStart("policy");
        json.writeStringField("policy-type", "sts");
        stringArray(json, "policy-string", policyLines);
        json.writeStringField("policy-domain", domain);
        stringArray(json, "mx-host", mxHosts);
        json.writeEndObject();
    }

    private static void stringArray(JsonGenerator json, String name, String... values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** The summary and, when there are any, the failure details; the summary's failed count is their sum. */
    private static void summaryAndDetails(
            JsonGenerator json,
            Random random,
            Totals totals,
            long successful,
            int details,
            String[][] failures,
            int maxSessionsPerDetail)
            throws IOException {
        // the summary comes first on the wire, so the details are drawn before it is written
        long[] sessions = new long[details];
        long failed = 0;
        for (int i = 0; i < details; i++) {
            sessions[i] = 1 + random.nextInt(maxSessionsPerDetail);
            failed += sessions[i];
        }
        json.writeObjectFieldStart("summary");
        json.writeNumberField("total-successful-session-count", successful);
        json.writeNumberField("total-failure-session-count", failed);
        json.writeEndObject();
        if (details > 0) {
            json.writeArrayFieldStart("failure-details");
            for (int i = 0; i < details; i++) {
                failureDetail(json, random, failures, sessions[i]);
            }
            json.writeEndArray();
        }
        totals.details += details;
        totals.successful += successful;
        totals.failed += failed;
    }

    private static void failureDetail(JsonGenerator json, Random random, String[][] failures, long sessions)
            throws IOException {
        String[] failure = failures[random.nextInt(failures.length)];
        int mx = random.nextInt(MX_HOSTS.length);
        json.writeStartObject();
        json.writeStringField("result-type", failure[0]);
        json.writeStringField("sending-mta-ip", sendingIp(random));
        json.writeStringField("receiving-mx-hostname", MX_HOSTS[mx]);
        if (random.nextInt(16) == 0) {
            json.writeStringField("receiving-mx-helo", MX_HOSTS[mx]);
        }
        json.writeStringField("receiving-ip", MX_IPS[mx]);
        json.writeNumberField("failed-session-count", sessions);
        if (random.nextInt(16) == 0) {
            json.writeStringField("additional-information", "https://tlsrpt.bigmail.example/help/" + failure[0]);
        }
        // not every sender says why (Google does not): about a third of the entries carry a failure-reason-code
        if (random.nextInt(16) < REASON_CODE_IN_16) {
            json.writeStringField("failure-reason-code", failure[1]);
        }
        json.writeEndObject();
    }

    /** Outbound addresses of a large sender: three IPv4 /16s and an IPv6 /48, about one in four IPv6. */
    private static String sendingIp(Random random) {
        int pick = random.nextInt(4);
        if (pick == 3) {
            return String.format(
                    Locale.ROOT, "2a00:1450:4864:%x::%x", 1 + random.nextInt(0xfff), 1 + random.nextInt(0xffff));
        }
        String prefix =
                switch (pick) {
                    case 0 -> "209.85.";
                    case 1 -> "74.125.";
                    default -> "172.217.";
                };
        return prefix + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    // ------------------------------------------------------------------------------------------ gzip

    @FunctionalInterface
    private interface JsonWriting {
        void write(JsonGenerator json) throws IOException;
    }

    private record GzipResult(byte[] bytes, long jsonBytes) {}

    private static GzipResult gzipped(JsonWriting writing) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try {
            Counting counting;
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
                counting = new Counting(gzip);
                try (JsonGenerator json = JSON.createGenerator(counting)) {
                    writing.write(json);
                }
            }
            return new GzipResult(compressed.toByteArray(), counting.count);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** Counts the bytes passed to the gzip stream (the JSON size); forwards whole arrays, unlike the superclass. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }

    // ------------------------------------------------------------------------------------------ checks

    /**
     * Checks the sizes claimed for the payload, then reads it through the reader and checks that it is one usable
     * report with the generated totals, and that its stored document can be written.
     *
     * @return the size of the stored document's JSON, in bytes
     * @throws IllegalStateException when any check fails
     */
    static long verify(Payload payload, ReportReader reader) {
        switch (payload.name()) {
            case TINY -> {
                require(
                        payload.gzip().length <= TINY_MAX_GZIP_BYTES,
                        payload,
                        "gzipped size above " + TINY_MAX_GZIP_BYTES + " bytes");
            }
            case SMALL -> {
                require(
                        payload.gzip().length >= SMALL_MIN_GZIP_BYTES && payload.gzip().length <= SMALL_MAX_GZIP_BYTES,
                        payload,
                        "gzipped size not in " + SMALL_MIN_GZIP_BYTES + ".." + SMALL_MAX_GZIP_BYTES + " bytes");
            }
            case LARGE -> {
                require(
                        payload.jsonBytes() >= LARGE_MIN_JSON_BYTES && payload.jsonBytes() <= LARGE_MAX_JSON_BYTES,
                        payload,
                        "JSON size not in " + LARGE_MIN_JSON_BYTES + ".." + LARGE_MAX_JSON_BYTES + " bytes");
                require(
                        payload.gzip().length <= ReaderLimits.DEFAULTS.maxCompressedBytes(),
                        payload,
                        "gzipped size above the reader's compressed-size limit");
                require(
                        payload.failureDetails() == LARGE_FAILURE_DETAILS,
                        payload,
                        "not " + LARGE_FAILURE_DETAILS + " failure details");
            }
            default -> throw new IllegalArgumentException(payload.name());
        }

        List<ReadResult> results = reader.read(payload.gzip());
        require(results.size() == 1, payload, "the reader gave " + results.size() + " results, not 1");
        if (!(results.get(0) instanceof ReadResult.UsableReport usable)) {
            throw new IllegalStateException(
                    "the reader did not read the " + payload.name() + " report as usable: " + results.get(0));
        }
        int details = 0;
        for (PolicyResult policy : usable.report().policies()) {
            details += policy.failureDetails().size();
        }
        require(details == payload.failureDetails(), payload, "the reader found " + details + " failure details");
        StoredReport document = StoredReport.of(usable, Provenance.UNKNOWN);
        require(
                document.figures().successfulSessions() == payload.successfulSessions()
                        && document.figures().failedSessions() == payload.failedSessions(),
                payload,
                "the stored document counts " + document.figures().successfulSessions() + " successful and "
                        + document.figures().failedSessions() + " failed sessions");
        require(
                StoredReport.VALID.equals(document.status()),
                payload,
                "status " + document.status() + ", problems " + document.problems());
        try {
            CountingOutputStream out = new CountingOutputStream();
            StoredReportJson.write(document, out);
            require(out.count() > payload.jsonBytes() / 2, payload, "the stored document has only " + out.count());
            return out.count();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static void require(boolean condition, Payload payload, String failure) {
        if (!condition) {
            throw new IllegalStateException(payload.describe() + ": " + failure);
        }
    }
}
