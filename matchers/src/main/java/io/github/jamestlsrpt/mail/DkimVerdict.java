package io.github.jamestlsrpt.mail;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The DKIM verdict for a report mail under RFC 8460 section 3. A DNS failure is not a verdict: it is a temporary
 * error, thrown so that James retries the mail.
 *
 * @param result the verdict
 * @param domain the d= of the signature that authenticates the report, only when {@link Result#PASS}
 * @param reason one sentence for a person: which signature passed, or why none did
 */
public record DkimVerdict(Result result, String domain, String reason) {

    public enum Result {
        /** a signature passes whose d= is aligned with the reporter, whose key allows tlsrpt, without l= */
        PASS("pass"),
        /** signatures were present, but none authenticates the report */
        FAIL("fail"),
        /** the mail carries no DKIM signature */
        NONE("none"),
        /** the check is switched off by configuration */
        NOT_CHECKED("not-checked");

        private final String wireName;

        Result(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Result> fromWireName(String wireName) {
            return Arrays.stream(values())
                    .filter(result -> result.wireName.equals(wireName))
                    .findFirst();
        }
    }

    public DkimVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
        if ((result == Result.PASS) != (domain != null)) {
            throw new IllegalArgumentException("a domain goes with a pass, and only with a pass");
        }
    }

    public static DkimVerdict pass(String domain, String reason) {
        return new DkimVerdict(Result.PASS, Objects.requireNonNull(domain, "domain"), reason);
    }

    public static DkimVerdict fail(String reason) {
        return new DkimVerdict(Result.FAIL, null, reason);
    }

    public static DkimVerdict none() {
        return new DkimVerdict(Result.NONE, null, "the mail carries no DKIM signature");
    }

    public static DkimVerdict notChecked() {
        return new DkimVerdict(Result.NOT_CHECKED, null, "DKIM is not checked (dkim=off)");
    }

    public boolean passed() {
        return result == Result.PASS;
    }
}
