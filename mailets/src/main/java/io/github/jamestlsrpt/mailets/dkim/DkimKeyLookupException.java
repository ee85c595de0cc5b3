package io.github.jamestlsrpt.mailets.dkim;

/** The DNS could not say, for now, whether a DKIM key exists; the lookup should be retried later. */
public final class DkimKeyLookupException extends Exception {

    private static final long serialVersionUID = 1L;

    public DkimKeyLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
