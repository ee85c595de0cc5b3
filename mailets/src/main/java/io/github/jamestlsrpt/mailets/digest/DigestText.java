package io.github.jamestlsrpt.mailets.digest;

import io.github.jamestlsrpt.core.digest.Digest;
import io.github.jamestlsrpt.core.digest.Digest.DomainDigest;
import io.github.jamestlsrpt.core.digest.Digest.FailureType;
import io.github.jamestlsrpt.core.digest.Digest.SilentReporter;
import io.github.jamestlsrpt.core.explain.ReportFacts;
import java.util.List;

/**
 * The text/plain part of a digest: the overview, then one section per domain, worst first, then the DANE host
 * reports. One fact per line; lines are not wrapped by hand (mail programs wrap them to the reader's window).
 */
final class DigestText {

    private DigestText() {}

    static String render(Digest digest, boolean withChart) {
        StringBuilder text = new StringBuilder(4096);
        String title = DigestWords.title(digest);
        text.append(title).append('\n').append("=".repeat(title.length())).append("\n\n");
        text.append(DigestWords.scope(digest)).append('\n');
        text.append(DigestWords.overview(digest)).append("\n\n");
        field(text, "In total", DigestWords.reports(digest));
        field(text, "Sessions", DigestWords.sessions(digest.totals().sessions()));
        text.append(DigestWords.receipts(digest)).append('\n');
        DigestWords.unreadable(digest).ifPresent(line -> text.append(line).append('\n'));
        if (withChart) {
            text.append("The HTML part of this mail shows each domain's daily success rate over the last ")
                    .append(digest.days().size())
                    .append(" days.\n");
        }

        domains(text, digest, digest.domains());
        if (!digest.hosts().isEmpty()) {
            text.append("\n\nDANE host reports (about MX hosts, whose TLSA records senders used; not mail domains)\n")
                    .append("=".repeat(86))
                    .append('\n');
            domains(text, digest, digest.hosts());
        }
        text.append("\n-- \n").append(DigestWords.footer(digest)).append('\n');
        return text.toString();
    }

    private static void domains(StringBuilder text, Digest digest, List<DomainDigest> domains) {
        int detailed = Math.min(domains.size(), DigestWords.DETAILED);
        for (DomainDigest domain : domains.subList(0, detailed)) {
            text.append('\n');
            domain(text, digest, domain);
        }
        if (domains.size() > detailed) {
            text.append("\nAnd these, in short:\n");
            int listed = Math.min(domains.size(), detailed + DigestWords.LISTED);
            for (DomainDigest domain : domains.subList(detailed, listed)) {
                text.append("  [")
                        .append(DigestWords.severity(domain.severity()))
                        .append("] ")
                        .append(DigestWords.heading(domain))
                        .append(" (")
                        .append(ReportFacts.count(domain.sessions().total(), "session"))
                        .append(")\n");
            }
            if (domains.size() > listed) {
                text.append("  and ").append(domains.size() - listed).append(" more\n");
            }
        }
    }

    private static void domain(StringBuilder text, Digest digest, DomainDigest domain) {
        String heading = "[" + DigestWords.severity(domain.severity()) + "] " + DigestWords.heading(domain);
        text.append(heading)
                .append('\n')
                .append("-".repeat(Math.min(heading.length(), 76)))
                .append('\n');
        field(text, "Sessions", DigestWords.sessions(domain.sessions()));
        field(text, "Success rate", DigestWords.trend(digest, domain));
        if (!domain.policies().isEmpty()) {
            field(text, "Policies", String.join("; ", domain.policies()));
        }
        field(text, "Reports", DigestWords.reporters(domain));
        if (!domain.failures().isEmpty()) {
            text.append("Failure types:\n");
            for (FailureType failure : domain.failures()) {
                text.append("  ").append(DigestWords.failure(failure));
                if (failure.firstSeen()) {
                    text.append(", ").append(DigestWords.firstSeen());
                }
                text.append('\n');
                text.append("    What it means: ")
                        .append(failure.explanation().meaning())
                        .append('\n');
                if (!failure.explanation().fix().isEmpty()) {
                    text.append("    Usual fix: ")
                            .append(failure.explanation().fix())
                            .append('\n');
                }
            }
            if (domain.failureTypesOmitted() > 0) {
                text.append("  and ").append(domain.failureTypesOmitted()).append(" more failure types\n");
            }
            if (!domain.hasHistory()) {
                text.append("  ").append(DigestWords.noHistory()).append('\n');
            }
        }
        if (!domain.worstMx().isEmpty()) {
            field(text, "Worst MX hosts", DigestWords.worstMx(domain));
        }
        if (!domain.silentReporters().isEmpty()) {
            text.append("Silent reporters:\n");
            for (SilentReporter reporter : domain.silentReporters()) {
                text.append("  ").append(DigestWords.silent(reporter)).append('\n');
            }
            text.append("  ").append(DigestWords.SILENT_MEANING).append('\n');
        }
        DigestWords.alsoReceived(domain).ifPresent(also -> field(text, "Also received", also));
    }

    private static void field(StringBuilder text, String name, String value) {
        String label = name + ":";
        text.append(label)
                .append(" ".repeat(Math.max(1, 15 - label.length())))
                .append(value)
                .append('\n');
    }
}
