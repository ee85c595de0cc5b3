package io.github.jamestlsrpt.core.read;

import io.github.jamestlsrpt.core.problem.ProblemCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it and fails as soon as more than the limit would be read, so that a
 * decompression bomb is stopped after at most {@code limit} inflated bytes.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final ProblemCode code;
    private final String limitName;
    private long count;
    private long countAtMark;

    LimitedInputStream(InputStream in, long limit, ProblemCode code, String limitName) {
        super(in);
        this.limit = limit;
        this.code = code;
        this.limitName = limitName;
    }

    @Override
    public int read() throws IOException {
        if (count >= limit) {
            return probeBeyondLimit();
        }
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (count >= limit) {
            return probeBeyondLimit();
        }
        int allowed = (int) Math.min(length, limit - count);
        int n = super.read(buffer, offset, allowed);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    /** At the limit: reads one more byte to learn whether there is more; exactly the limit is allowed. */
    private int probeBeyondLimit() throws IOException {
        if (super.read() < 0) {
            return -1;
        }
        throw new LimitExceededException(
                code, "more than " + limit + " bytes: the " + limitName + " limit is " + limit + " bytes");
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /**
     * Marks as the stream below does, so that a reader above that needs marks (commons-compress's gzip reader, to
     * give back what it read past a member's end) uses this stream as it is instead of buffering it once more.
     */
    @Override
    public boolean markSupported() {
        return in.markSupported();
    }

    @Override
    public synchronized void mark(int readLimit) {
        in.mark(readLimit);
        countAtMark = count;
    }

    @Override
    public synchronized void reset() throws IOException {
        in.reset();
        count = countAtMark;
    }

    long count() {
        return count;
    }
}
