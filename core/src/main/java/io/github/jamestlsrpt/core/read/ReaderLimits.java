package io.github.jamestlsrpt.core.read;

/**
 * Hard limits for reading untrusted report payloads (RFC 8460 section 7: treat all content as hostile). Each is
 * named in the problem reported when it is exceeded.
 *
 * @param maxCompressedBytes largest gzip or zip payload accepted, in bytes
 * @param maxDecompressedBytes largest JSON text accepted after decompression, in bytes (per payload, all zip
 *     entries together)
 * @param maxNestingDepth deepest nesting of JSON arrays and objects
 * @param maxStringLength longest JSON string, in characters
 * @param maxNumberLength longest JSON number, in characters
 * @param maxZipEntries most entries read from one zip archive
 */
public record ReaderLimits(
        long maxCompressedBytes,
        long maxDecompressedBytes,
        int maxNestingDepth,
        int maxStringLength,
        int maxNumberLength,
        int maxZipEntries) {

    public static final long MIB = 1024L * 1024L;

    /** Defaults: 10 MiB compressed (a common receiver limit, RFC 8460 section 5.2), 20 MiB decompressed (as mox). */
    public static final ReaderLimits DEFAULTS = new ReaderLimits(10 * MIB, 20 * MIB, 64, 1024 * 1024, 32, 100);

    public ReaderLimits {
        requirePositive("maxCompressedBytes", maxCompressedBytes);
        requirePositive("maxDecompressedBytes", maxDecompressedBytes);
        requirePositive("maxNestingDepth", maxNestingDepth);
        requirePositive("maxStringLength", maxStringLength);
        requirePositive("maxNumberLength", maxNumberLength);
        requirePositive("maxZipEntries", maxZipEntries);
    }

    public static ReaderLimits defaults() {
        return DEFAULTS;
    }

    public ReaderLimits withMaxCompressedBytes(long value) {
        return new ReaderLimits(
                value, maxDecompressedBytes, maxNestingDepth, maxStringLength, maxNumberLength, maxZipEntries);
    }

    public ReaderLimits withMaxDecompressedBytes(long value) {
        return new ReaderLimits(
                maxCompressedBytes, value, maxNestingDepth, maxStringLength, maxNumberLength, maxZipEntries);
    }

    public ReaderLimits withMaxNestingDepth(int value) {
        return new ReaderLimits(
                maxCompressedBytes, maxDecompressedBytes, value, maxStringLength, maxNumberLength, maxZipEntries);
    }

    public ReaderLimits withMaxStringLength(int value) {
        return new ReaderLimits(
                maxCompressedBytes, maxDecompressedBytes, maxNestingDepth, value, maxNumberLength, maxZipEntries);
    }

    public ReaderLimits withMaxNumberLength(int value) {
        return new ReaderLimits(
                maxCompressedBytes, maxDecompressedBytes, maxNestingDepth, maxStringLength, value, maxZipEntries);
    }

    public ReaderLimits withMaxZipEntries(int value) {
        return new ReaderLimits(
                maxCompressedBytes, maxDecompressedBytes, maxNestingDepth, maxStringLength, maxNumberLength, value);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
