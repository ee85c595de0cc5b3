package io.github.jamestlsrpt.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.jamestlsrpt.core.Fixtures;
import io.github.jamestlsrpt.core.document.Provenance;
import io.github.jamestlsrpt.core.document.StoredReport;
import io.github.jamestlsrpt.core.document.StoredReportJson;
import io.github.jamestlsrpt.core.model.PolicyResult;
import io.github.jamestlsrpt.core.problem.Problem;
import io.github.jamestlsrpt.core.problem.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Randomised test of the reader, the parser of untrusted input (in the manner of mox's FuzzParseMessage): the
 * fixtures, gzipped and zipped, mutated by seeded byte flips, truncations, insertions, deletions and repeats. The
 * reader must never throw, always give at least one result, and keep its promises about each outcome.
 */
class ReportReaderFuzzTest {

    private static final long SEED = 8460L;
    private static final int ITERATIONS = 2_000;

    /** Tighter than the defaults so that the limits are reached too, and the run stays fast. */
    private static final ReaderLimits LIMITS = ReaderLimits.defaults()
            .withMaxDecompressedBytes(256 * 1024)
            .withMaxNestingDepth(16)
            .withMaxStringLength(4096)
            .withMaxZipEntries(8);

    private static final byte[] JSON_BYTES = "{}[]\":,\\0123456789-+.eE \n\rtfn".getBytes(StandardCharsets.US_ASCII);

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String fixture : Fixtures.all()) {
            seeds.add(Fixtures.bytes(fixture));
        }
        byte[] clean = Fixtures.bytes("rfc/several-policies-with-failures.json");
        seeds.add(Fixtures.gzip(clean));
        seeds.add(Fixtures.gzip(Fixtures.bytes("real-world-shapes/unknown-members.json")));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.json", clean);
        entries.put("b.json.gz", Fixtures.gzip(Fixtures.bytes("rfc/tlsa-host-report.json")));
        entries.put("c.txt", "not a report".getBytes(StandardCharsets.US_ASCII));
        seeds.add(Fixtures.zip(entries));
        return seeds;
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] data = original.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int length = data.length;
            int at = length == 0 ? 0 : random.nextInt(length);
            switch (random.nextInt(7)) {
                case 0 -> { // flip one bit
                    if (length > 0) {
                        data[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> { // a random byte
                    if (length > 0) {
                        data[at] = (byte) random.nextInt(256);
                    }
                }
                case 2 -> { // a byte that means something to JSON
                    if (length > 0) {
                        data[at] = JSON_BYTES[random.nextInt(JSON_BYTES.length)];
                    }
                }
                case 3 -> data = Arrays.copyOf(data, at); // truncate
                case 4 -> { // insert up to 8 random bytes
                    byte[] inserted = new byte[1 + random.nextInt(8)];
                    random.nextBytes(inserted);
                    data = splice(data, at, 0, inserted);
                }
                case 5 -> { // delete a slice
                    int count = Math.min(length - at, 1 + random.nextInt(32));
                    data = splice(data, at, count, new byte[0]);
                }
                default -> { // repeat a slice
                    int count = Math.min(length - at, 1 + random.nextInt(64));
                    data = splice(data, at, 0, Arrays.copyOfRange(data, at, at + count));
                }
            }
        }
        return data;
    }

    private static byte[] splice(byte[] data, int at, int removed, byte[] inserted) {
        byte[] result = new byte[data.length - removed + inserted.length];
        System.arraycopy(data, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(data, at + removed, result, at + inserted.length, data.length - at - removed);
        return result;
    }

    @Test
    void shouldNeverThrowAndAlwaysKeepItsPromisesWhateverTheBytes() {
        ReportReader reader = new ReportReader(LIMITS);
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        int usable = 0;
        int broken = 0;
        int notReports = 0;

        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            byte[] payload = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                List<ReadResult> results = reader.read(payload);

                assertThat(results).isNotEmpty();
                for (ReadResult result : results) {
                    checkPromises(result);
                    if (result instanceof ReadResult.UsableReport) {
                        usable++;
                    } else if (result instanceof ReadResult.BrokenReport) {
                        broken++;
                    } else {
                        notReports++;
                    }
                }
            } catch (Throwable failure) {
                throw new AssertionError(
                        "iteration " + iteration + " (seed " + SEED + "), payload in base64: "
                                + Base64.getEncoder().encodeToString(payload),
                        failure);
            }
        }

        // the mutations must exercise all three outcomes, or this test proves little
        assertThat(usable).isPositive();
        assertThat(broken).isPositive();
        assertThat(notReports).isPositive();
    }

    private static void checkPromises(ReadResult result) throws Exception {
        assertThat(result.problems()).doesNotContainNull();
        boolean hasError = result.problems().stream().anyMatch(Problem::isError);
        if (result instanceof ReadResult.UsableReport usable) {
            assertThat(hasError).isFalse();
            assertThat(usable.report()).isNotNull();
            for (PolicyResult policy : usable.report().policies()) {
                assertThat(policy.policy()).isNotNull();
                assertThat(policy.summary()).isNotNull();
                assertThat(policy.summary().totalSuccessfulSessionCount()).isNotNull();
                assertThat(policy.summary().totalFailureSessionCount()).isNotNull();
            }
            StoredReport document = StoredReport.of(usable, Provenance.UNKNOWN);
            STRICT.readTree(StoredReportJson.toBytes(document));
        } else {
            assertThat(hasError).isTrue();
            assertThat(result.worstSeverity()).isEqualTo(Severity.ERROR);
        }
    }
}
