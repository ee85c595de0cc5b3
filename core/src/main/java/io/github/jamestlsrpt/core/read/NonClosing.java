package io.github.jamestlsrpt.core.read;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Keeps a zip entry's reader from closing the whole archive. */
final class NonClosing extends FilterInputStream {

    NonClosing(InputStream in) {
        super(in);
    }

    @Override
    public void close() {
        // the archive stays open for its next entry
    }
}
