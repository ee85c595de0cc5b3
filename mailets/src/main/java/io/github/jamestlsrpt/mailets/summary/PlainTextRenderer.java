package io.github.jamestlsrpt.mailets.summary;

import io.github.jamestlsrpt.core.explain.ReportFacts;
import io.github.jamestlsrpt.core.explain.ReportFacts.FailureFacts;
import io.github.jamestlsrpt.core.explain.ReportFacts.Listed;
import io.github.jamestlsrpt.core.explain.ReportFacts.Place;
import io.github.jamestlsrpt.core.explain.ReportFacts.PolicyFacts;
import io.github.jamestlsrpt.core.explain.ReportFacts.Warning;
import java.util.List;
import java.util.function.Function;

/**
 * The text/plain part of a summary: one fact per line, indented by meaning. Lines are not wrapped by hand: mail
 * programs wrap them to the reader's window, and a failure-reason-code stays whole to be copied.
 */
final class PlainTextRenderer {

    private static final int RULE = 76;

    private PlainTextRenderer() {}

    static String render(SummaryContent content) {
        StringBuilder text = new StringBuilder(2048);
        text.append("TLS report: ").append(content.headline()).append("\n\n");
        field(text, "Reporter", content.reporter());
        content.period().ifPresent(period -> field(text, "Period", period));
        field(text, "Report id", content.reportId());
        field(text, "DKIM", content.dkimLine());
        field(text, "In total", content.totals());
        content.note().ifPresent(note -> field(text, "Note", note));

        if (content.facts().isEmpty()) {
            text.append('\n');
            line(text, SummaryContent.NO_DETAILS, "");
        } else {
            ReportFacts facts = content.facts().get();
            for (PolicyFacts policy : facts.policies().shown()) {
                text.append('\n');
                policy(text, policy);
            }
            if (facts.policies().omitted() > 0) {
                text.append('\n');
                line(
                        text,
                        "And " + facts.policies().omitted() + " more policies, left out here; the stored report"
                                + " has them.",
                        "");
            }
            warnings(text, facts.warnings());
        }
        text.append("\n-- \n");
        line(text, content.footer(), "");
        return text.toString();
    }

    private static void policy(StringBuilder text, PolicyFacts policy) {
        String heading = heading(policy);
        text.append(heading)
                .append('\n')
                .append("=".repeat(Math.min(heading.length(), RULE)))
                .append('\n');
        if (policy.isHostReport()) {
            line(
                    text,
                    "DANE host report: these figures are about the MX host "
                            + LinkFree.text(policy.policyDomain() == null ? "(not named)" : policy.policyDomain())
                            + ", whose TLSA records the sender used, not about a mail domain.",
                    "");
        }
        if (!policy.mxHosts().isEmpty()) {
            line(text, "MX hosts of the policy: " + list(policy.mxHosts(), LinkFree::text), "");
        }
        line(text, ReportFacts.sessions(policy.successfulSessions(), policy.failedSessions()), "");
        if (policy.failedSessions() > 0) {
            line(text, LinkFree.text(policy.consequence()), "");
        }
        for (FailureFacts failure : policy.failures().shown()) {
            text.append('\n');
            failure(text, failure);
        }
        if (policy.failures().omitted() > 0) {
            text.append('\n');
            line(text, "And " + policy.failures().omitted() + " more failure types, left out here.", "  ");
        }
    }

    static String heading(PolicyFacts policy) {
        StringBuilder heading = new StringBuilder();
        heading.append(policy.policyDomain() == null ? "(no policy domain)" : LinkFree.text(policy.policyDomain()))
                .append(": ");
        heading.append(
                policy.isHostReport()
                        ? "DANE host report"
                        : LinkFree.text(policy.policy().title()));
        if (policy.stsMode() != null) {
            heading.append(", mode ").append(LinkFree.text(policy.stsMode()));
        }
        return heading.toString();
    }

    private static void failure(StringBuilder text, FailureFacts failure) {
        line(
                text,
                ReportFacts.count(failure.sessions(), "session") + " failed: "
                        + LinkFree.text(failure.explanation().title()) + " ("
                        + LinkFree.text(failure.resultType()) + ")",
                "  ");
        line(text, "What it means: " + failure.explanation().meaning(), "    ");
        if (!failure.explanation().fix().isEmpty()) {
            line(text, "Usual fix: " + failure.explanation().fix(), "    ");
        }
        if (!failure.receivingMx().isEmpty()) {
            line(text, "Receiving MX: " + places(failure.receivingMx()), "    ");
        }
        if (!failure.sendingMtas().isEmpty()) {
            line(text, "Sending MTAs: " + places(failure.sendingMtas()), "    ");
        }
        if (!failure.reasonCodes().isEmpty()) {
            line(
                    text,
                    (failure.reasonCodes().shown().size() == 1 ? "Failure reason code: " : "Failure reason codes: ")
                            + list(failure.reasonCodes(), code -> "\"" + LinkFree.text(code) + "\""),
                    "    ");
        }
        if (!failure.additionalInformation().isEmpty()) {
            line(
                    text,
                    "Additional information (" + LinkFree.LEGEND + "): "
                            + list(failure.additionalInformation(), LinkFree::defanged),
                    "    ");
        }
    }

    private static void warnings(StringBuilder text, Listed<Warning> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        text.append('\n');
        line(text, "Validation warnings: the report deviates from RFC 8460 (it was read anyway):", "");
        for (Warning warning : warnings.shown()) {
            line(
                    text,
                    "- " + warning.code()
                            + (warning.pointer().isEmpty() ? "" : " at " + LinkFree.text(warning.pointer())) + ": "
                            + LinkFree.text(warning.message()),
                    "  ");
        }
        if (warnings.omitted() > 0) {
            line(text, "- and " + warnings.omitted() + " more", "  ");
        }
    }

    /** "mx1.example.com (192.0.2.25): 40 sessions; mx2.example.com: 2 sessions and 3 more". */
    private static String places(Listed<Place> places) {
        return list(
                places,
                place -> LinkFree.text(place.name()) + ": " + ReportFacts.count(place.sessions(), "session"),
                "; ");
    }

    private static <T> String list(Listed<T> listed, Function<T, String> shown) {
        return list(listed, shown, ", ");
    }

    private static <T> String list(Listed<T> listed, Function<T, String> shown, String separator) {
        List<String> items = listed.shown().stream().map(shown).toList();
        String joined = String.join(separator, items);
        return listed.omitted() == 0 ? joined : joined + " and " + listed.omitted() + " more";
    }

    private static void field(StringBuilder text, String name, String value) {
        String label = name + ":";
        text.append(label)
                .append(" ".repeat(Math.max(1, 12 - label.length())))
                .append(value)
                .append('\n');
    }

    /** One paragraph on one line (mail programs wrap it to the reader's window), indented by meaning. */
    private static void line(StringBuilder text, String paragraph, String indent) {
        text.append(indent).append(paragraph).append('\n');
    }
}
