package io.github.jamestlsrpt.mailets.store;

/** The mailbox could not be read or written (backend down, quota, permissions...): an infrastructure failure. */
public final class ReportMailboxException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReportMailboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
