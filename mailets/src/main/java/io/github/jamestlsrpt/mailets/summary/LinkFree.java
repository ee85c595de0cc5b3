package io.github.jamestlsrpt.mailets.summary;

/**
 * Report text made so that no mail program turns it into a link: many (webmail above all) link any text that looks
 * like a URL, in the plain part and in the HTML part alike. A reporter's text (RFC 8460 section 7: all of it is
 * hostile) must never become something a person clicks, least of all additional-information, a URI meant only to be
 * read.
 */
public final class LinkFree {

    /** Shown with defanged text, so that a person can read it back. */
    public static final String LEGEND = "shown as text, not a link: [.] stands for a dot, [:] for a colon";

    private LinkFree() {}

    /** Report text with its scheme separators broken ("https[:]//"), which is what link detectors look for. */
    public static String text(String safe) {
        return safe == null ? "" : safe.replace("://", "[:]//");
    }

    /** A URI defanged throughout: "https[:]//example[.]com/x", with no dot or colon left to detect. */
    public static String defanged(String safe) {
        return safe == null ? "" : safe.replace(".", "[.]").replace(":", "[:]");
    }
}
