package io.github.jamestlsrpt.benchmarks;

import java.io.OutputStream;

/** Discards what is written and counts it, so that serialising a document costs no I/O and no buffer growth. */
final class CountingOutputStream extends OutputStream {

    private long count;

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        count += length;
    }

    long count() {
        return count;
    }
}
