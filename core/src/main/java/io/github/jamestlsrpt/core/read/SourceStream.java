package io.github.jamestlsrpt.core.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Marks I/O failures of the caller's stream, so that they are told apart from bad data (which never throws) on
 * their way out of the reader.
 */
final class SourceStream extends FilterInputStream {

    static final class SourceException extends IOException {
        SourceException(IOException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    SourceStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException failure) {
            throw new SourceException(failure);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException failure) {
            throw new SourceException(failure);
        }
    }

    @Override
    public void close() {
        // the caller owns the stream
    }
}
