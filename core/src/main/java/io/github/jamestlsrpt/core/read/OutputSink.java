package io.github.jamestlsrpt.core.read;

import java.io.OutputStream;

/** Discards bytes: used to drain what is read only to be counted against a limit. */
final class OutputSink extends OutputStream {

    static final OutputSink INSTANCE = new OutputSink();

    private OutputSink() {}

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
}
