package io.github.jamestlsrpt.mailets;

import java.util.Set;

/**
 * Parameters that James itself reads from every {@code <mailet>} element and still passes to the mailet with the
 * mailet's own: {@code onMailetException} and {@code onMatchException} (where a failing mailet or matcher sends the
 * mail). A mailet that rejects unknown parameters must let them through, as James's own
 * {@code GenericMailet.checkInitParameters} does (James 3.8 and 3.9), or no operator can route its errors.
 */
final class JamesParameters {

    static final Set<String> ERROR_HANDLING = Set.of("onMailetException", "onMatchException");

    private JamesParameters() {}

    /** Whether James, not the mailet, reads this parameter. */
    static boolean isJames(String name) {
        return ERROR_HANDLING.contains(name);
    }
}
