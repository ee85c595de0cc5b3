package io.github.jamestlsrpt.core.explain;

import io.github.jamestlsrpt.core.model.PolicyType;

/**
 * What probably became of the mail in the failed sessions of one policy: a sender that applies MTA-STS in enforce
 * mode (RFC 8461 section 5) or DANE (RFC 7672 section 2.2) does not deliver over a connection that fails to
 * authenticate, so the mail waited in its queue and came back to its sender if the problem lasted; a sender in
 * MTA-STS testing mode, or without any policy, reports the failure and delivers anyway, without the protection of
 * TLS. The report itself never says which happened: these are the likely consequences, worded as such.
 */
public enum Delivery {
    /** the mail was probably held back: delayed, and returned to its sender when the problem lasted */
    HELD,
    /** the mail probably went out anyway, possibly unencrypted */
    CLEARTEXT,
    /** the report does not say enough to tell (an sts policy without a mode, a policy type RFC 8460 lacks) */
    UNKNOWN;

    /**
     * @param type the policy-type, or null when the report names none
     * @param stsMode the MTA-STS mode for an sts policy (lower case), or null
     */
    public static Delivery of(PolicyType type, String stsMode) {
        if (type == null) {
            return UNKNOWN;
        }
        return switch (type.kind()) {
            case TLSA -> HELD;
            case STS -> {
                if (stsMode == null) {
                    yield UNKNOWN;
                }
                yield switch (stsMode) {
                    case "enforce" -> HELD;
                    case "testing", "none" -> CLEARTEXT;
                    default -> UNKNOWN;
                };
            }
            case NO_POLICY_FOUND -> CLEARTEXT;
            case OTHER -> UNKNOWN;
        };
    }

    /**
     * One or two sentences for a person on the failed sessions of a policy of this type and mode.
     *
     * @param type the policy-type, or null
     * @param stsMode the MTA-STS mode for an sts policy, or null
     */
    public static String consequence(PolicyType type, String stsMode) {
        if (type == null) {
            return "The report does not name the policy type, so what became of this mail is unknown.";
        }
        return switch (type.kind()) {
            case TLSA -> "Mail was probably held back: with DANE a sender does not deliver over a connection that"
                    + " fails; it retries, and returns the mail to its sender if the problem lasts.";
            case STS -> {
                if (stsMode == null) {
                    yield "The report does not say the MTA-STS mode: in enforce mode this mail was held back; in"
                            + " testing mode it probably went out unencrypted.";
                }
                yield switch (stsMode) {
                    case "enforce" -> "Mail was probably held back: with MTA-STS in enforce mode a sender does not"
                            + " deliver over a connection that fails; it retries, and returns the mail to its sender"
                            + " if the problem lasts.";
                    case "testing" -> "Mail probably went out unencrypted: in MTA-STS testing mode a sender reports"
                            + " the failure and delivers anyway, without the protection of TLS.";
                    case "none" -> "Mail probably went out unencrypted: MTA-STS mode none switches the policy off,"
                            + " so a sender delivers anyway.";
                    default -> "The MTA-STS mode \"" + SafeText.of(stsMode, 40) + "\" is not one RFC 8461 defines,"
                            + " so what became of this mail is unknown.";
                };
            }
            case NO_POLICY_FOUND -> "Mail probably went out unencrypted: without an MTA-STS policy or DANE records a"
                    + " sender falls back to an unencrypted connection when TLS fails.";
            case OTHER -> "The policy type \"" + SafeText.of(type.value(), 40) + "\" is not one RFC 8460 defines,"
                    + " so what became of this mail is unknown.";
        };
    }
}
