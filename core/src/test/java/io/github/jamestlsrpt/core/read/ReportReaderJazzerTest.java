package io.github.jamestlsrpt.core.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jamestlsrpt.core.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link ReportReader#read(byte[])} with Jazzer (RFC 8460 section 7: reports may be
 * crafted to attack their reader). Only the declared outcomes may come out, each keeping its promises
 * ({@link ReadResultPromises}); any other exception, a hang or a heap blow-up is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs once per seed (every report fixture raw, and some gzipped and zipped),
 * plus every finding kept under {@code ReportReaderJazzerTestInputs}; with it, it fuzzes (see docs/SECURITY.md).
 */
class ReportReaderJazzerTest {

    /**
     * The defaults, but 1 MiB decompressed and 8 zip entries: small inputs reach every limit, and each run stays
     * fast. The hostile suite checks the default limits.
     */
    static final ReaderLimits LIMITS =
            ReaderLimits.defaults().withMaxDecompressedBytes(ReaderLimits.MIB).withMaxZipEntries(8);

    private static final ReportReader READER = new ReportReader(LIMITS);

    static Stream<Arguments> read() {
        return seeds().stream().map(seed -> Arguments.of((Object) seed));
    }

    /** Every report fixture raw, the valid ones also gzipped, and zips mixing entries of every kind. */
    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : Fixtures.all()) {
            seeds.add(Fixtures.bytes(name));
        }
        for (String name : Fixtures.names(Fixtures.RFC)) {
            seeds.add(Fixtures.gzip(Fixtures.bytes(name)));
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.json", Fixtures.bytes("rfc/several-policies-with-failures.json"));
        entries.put("b.json.gz", Fixtures.gzip(Fixtures.bytes("rfc/tlsa-host-report.json")));
        entries.put("c.txt", "not a report".getBytes(StandardCharsets.US_ASCII));
        entries.put("d/", new byte[0]);
        seeds.add(Fixtures.zip(entries));
        seeds.add(Fixtures.zip(Map.of("only.txt", "text".getBytes(StandardCharsets.US_ASCII))));
        return seeds;
    }

    @MethodSource
    @FuzzTest(maxDuration = "60s")
    void read(byte[] payload) {
        List<ReadResult> results = READER.read(payload);

        ReadResultPromises.check(payload, results);
    }
}
