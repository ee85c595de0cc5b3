package io.github.jamestlsrpt.mailets.dkim;

/** A DKIM check that could not be completed, for example because DNS failed; the mail should be retried. */
public final class TemporaryDkimFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public TemporaryDkimFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
