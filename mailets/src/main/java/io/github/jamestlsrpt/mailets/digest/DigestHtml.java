package io.github.jamestlsrpt.mailets.digest;

import io.github.jamestlsrpt.core.digest.Digest;
import io.github.jamestlsrpt.core.digest.Digest.DomainDigest;
import io.github.jamestlsrpt.core.digest.Digest.FailureType;
import io.github.jamestlsrpt.core.digest.Digest.SilentReporter;
import io.github.jamestlsrpt.core.digest.DigestSeverity;
import io.github.jamestlsrpt.core.document.PolicyScope;
import io.github.jamestlsrpt.core.explain.ReportFacts;
import io.github.jamestlsrpt.mailets.summary.Html;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text/html part of a digest: one self-contained document with inline styles (what mail programs keep), no
 * script, no link, no external resource; its only image is the chart, inline by Content-ID. Every piece of text
 * passes through {@link Html#escape}; text from reports is link-free as well (see {@link DigestWords}).
 */
final class DigestHtml {

    private static final String MUTED = Html.MUTED;
    private static final String CELL = "padding:3px 12px 3px 0;vertical-align:top;text-align:left";

    private DigestHtml() {}

    /**
     * @param chart the Content-ID of the chart (without angle brackets) and its height in pixels, or empty
     */
    static String render(Digest digest, Optional<Chart> chart) {
        StringBuilder html = new StringBuilder(16384);
        String title = DigestWords.title(digest);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(Html.escape(title))
                .append("</title>\n</head>\n")
                .append("<body style=\"margin:0;padding:16px;background:#f6f8fa;color:#1f2328;font-family:")
                .append("-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:14px;line-height:1.45\">\n")
                .append("<div style=\"max-width:760px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;")
                .append("border-radius:6px;padding:16px 20px\">\n");
        html.append("<h1 style=\"font-size:20px;margin:0 0 8px\">")
                .append(Html.escape(title))
                .append("</h1>\n");
        paragraph(html, Html.escape(DigestWords.scope(digest)), MUTED);
        paragraph(html, "<strong>" + Html.escape(DigestWords.overview(digest)) + "</strong>", "");

        html.append("<table style=\"border-collapse:collapse;margin:8px 0\">\n");
        row(html, "In total", Html.escape(DigestWords.reports(digest)));
        row(html, "Sessions", Html.escape(DigestWords.sessions(digest.totals().sessions())));
        html.append("</table>\n");
        paragraph(html, Html.escape(DigestWords.receipts(digest)), "");
        DigestWords.unreadable(digest).ifPresent(line -> paragraph(html, Html.escape(line), "color:#9a6700"));

        if (!digest.domains().isEmpty() || !digest.hosts().isEmpty()) {
            overview(html, digest);
        }
        chart.ifPresent(picture -> html.append("<p style=\"margin:12px 0\"><img src=\"cid:")
                .append(Html.escape(picture.contentId()))
                .append("\" width=\"")
                .append(DigestChart.WIDTH)
                .append("\" height=\"")
                .append(picture.height())
                .append("\" alt=\"")
                .append(Html.escape("Daily success rate of each domain over the last "
                        + digest.days().size() + " days"))
                .append("\" style=\"display:block;max-width:100%;height:auto;border:1px solid #d0d7de;")
                .append("border-radius:6px\"></p>\n"));

        domains(html, digest, digest.domains());
        if (!digest.hosts().isEmpty()) {
            html.append("<h2 style=\"font-size:18px;margin:28px 0 4px\">DANE host reports</h2>\n");
            paragraph(html, "About MX hosts, whose TLSA records senders used; not about mail domains.", MUTED);
            domains(html, digest, digest.hosts());
        }
        html.append("<p style=\"")
                .append(MUTED)
                .append(";font-size:12px;border-top:1px solid #d0d7de;padding-top:8px;margin-top:20px\">")
                .append(Html.escape(DigestWords.footer(digest)))
                .append("</p>\n</div>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The chart as the HTML part refers to it. */
    record Chart(String contentId, int height) {}

    /** A table of every domain in one line each, worst first. */
    private static void overview(StringBuilder html, Digest digest) {
        html.append("<table style=\"border-collapse:collapse;margin:12px 0;width:100%\">\n<tr>");
        for (String heading : List.of("", "Domain", "Sessions", "Failed", "Success rate")) {
            html.append("<th style=\"")
                    .append(CELL)
                    .append(";border-bottom:1px solid #d0d7de;font-weight:600\">")
                    .append(Html.escape(heading))
                    .append("</th>");
        }
        html.append("</tr>\n");
        int shown = 0;
        for (List<DomainDigest> list : List.of(digest.domains(), digest.hosts())) {
            for (DomainDigest domain : list) {
                if (shown++ == DigestWords.DETAILED + DigestWords.LISTED) {
                    break;
                }
                html.append("<tr><td style=\"")
                        .append(CELL)
                        .append("\">")
                        .append(badge(domain.severity()))
                        .append("</td><td style=\"")
                        .append(CELL)
                        .append("\">")
                        .append(Html.escape(DigestWords.name(domain)))
                        .append(
                                domain.scope() == PolicyScope.HOST
                                        ? " <span style=\"" + MUTED + "\">(DANE host)</span>"
                                        : "")
                        .append("</td><td style=\"")
                        .append(CELL)
                        .append("\">")
                        .append(Html.escape(ReportFacts.number(domain.sessions().total())))
                        .append("</td><td style=\"")
                        .append(CELL)
                        .append("\">")
                        .append(Html.escape(ReportFacts.number(domain.sessions().failed())))
                        .append("</td><td style=\"")
                        .append(CELL)
                        .append("\">")
                        .append(Html.escape(DigestWords.successRate(domain.sessions())))
                        .append(change(domain))
                        .append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    private static String change(DomainDigest domain) {
        Optional<Double> change = domain.change();
        if (change.isEmpty() || Math.abs(change.get()) < 0.05) {
            return "";
        }
        boolean up = change.get() > 0;
        return " <span style=\"color:" + (up ? "#1a7f37" : "#cf222e") + "\">" + (up ? "&#9650; " : "&#9660; ")
                + Html.escape(String.format(Locale.ROOT, "%.1f", Math.abs(change.get()))) + "</span>";
    }

    private static void domains(StringBuilder html, Digest digest, List<DomainDigest> domains) {
        int detailed = Math.min(domains.size(), DigestWords.DETAILED);
        for (DomainDigest domain : domains.subList(0, detailed)) {
            domain(html, digest, domain);
        }
        if (domains.size() > detailed) {
            paragraph(html, Html.escape("And " + (domains.size() - detailed) + " more: see the table above."), MUTED);
        }
    }

    private static void domain(StringBuilder html, Digest digest, DomainDigest domain) {
        html.append("<div style=\"border:1px solid #d0d7de;border-left:6px solid ")
                .append(colour(domain.severity()))
                .append(";border-radius:6px;padding:8px 12px;margin:14px 0\">\n")
                .append("<h3 style=\"font-size:16px;margin:0 0 6px\">")
                .append(badge(domain.severity()))
                .append(' ')
                .append(Html.escape(DigestWords.name(domain)))
                .append(" <span style=\"font-weight:normal;")
                .append(MUTED)
                .append("\">")
                .append(Html.escape(DigestWords.verdict(domain)))
                .append("</span></h3>\n");
        html.append("<table style=\"border-collapse:collapse\">\n");
        row(html, "Sessions", Html.escape(DigestWords.sessions(domain.sessions())));
        row(html, "Success rate", Html.escape(DigestWords.trend(digest, domain)));
        if (!domain.policies().isEmpty()) {
            row(html, "Policies", Html.escape(String.join("; ", domain.policies())));
        }
        row(html, "Reports", Html.escape(DigestWords.reporters(domain)));
        if (!domain.worstMx().isEmpty()) {
            row(html, "Worst MX hosts", Html.escape(DigestWords.worstMx(domain)));
        }
        DigestWords.alsoReceived(domain).ifPresent(also -> row(html, "Also received", Html.escape(also)));
        html.append("</table>\n");
        if (!domain.failures().isEmpty()) {
            html.append("<ul style=\"margin:6px 0;padding-left:20px\">\n");
            for (FailureType failure : domain.failures()) {
                html.append("<li style=\"margin:4px 0\"><strong>")
                        .append(Html.escape(DigestWords.failure(failure)))
                        .append("</strong>");
                if (failure.firstSeen()) {
                    html.append(" <span style=\"background:#fff8c5;border:1px solid #d4a72c;border-radius:10px;")
                            .append("padding:0 6px;font-size:12px\">")
                            .append(Html.escape(DigestWords.firstSeen()))
                            .append("</span>");
                }
                html.append("<br>").append(Html.escape(failure.explanation().meaning()));
                if (!failure.explanation().fix().isEmpty()) {
                    html.append("<br><span style=\"")
                            .append(MUTED)
                            .append("\">Usual fix: ")
                            .append(Html.escape(failure.explanation().fix()))
                            .append("</span>");
                }
                html.append("</li>\n");
            }
            if (domain.failureTypesOmitted() > 0) {
                html.append("<li>and ").append(domain.failureTypesOmitted()).append(" more failure types</li>\n");
            }
            html.append("</ul>\n");
            if (!domain.hasHistory()) {
                paragraph(html, Html.escape(DigestWords.noHistory()), MUTED);
            }
        }
        if (!domain.silentReporters().isEmpty()) {
            html.append("<p style=\"margin:6px 0 2px\"><strong>Silent reporters</strong></p>\n")
                    .append("<ul style=\"margin:2px 0;padding-left:20px\">\n");
            for (SilentReporter reporter : domain.silentReporters()) {
                html.append("<li>")
                        .append(Html.escape(DigestWords.silent(reporter)))
                        .append("</li>\n");
            }
            html.append("</ul>\n");
            paragraph(html, Html.escape(DigestWords.SILENT_MEANING), MUTED);
        }
        html.append("</div>\n");
    }

    /** The colours of the chart's bands (without Java2D, so that the HTML part never needs it). */
    static String colour(DigestSeverity severity) {
        return switch (severity) {
            case OK -> "#2da44e";
            case NOTICE -> "#d4a72c";
            case WARNING -> "#fb8500";
            case CRITICAL -> "#cf222e";
        };
    }

    private static String badge(DigestSeverity severity) {
        return "<span class=\"severity-" + severity.wireName() + "\" style=\"display:inline-block;min-width:64px;"
                + "text-align:center;color:#ffffff;background:" + colour(severity) + ";border-radius:10px;"
                + "padding:0 8px;font-size:12px;font-weight:600\">" + DigestWords.severity(severity) + "</span>";
    }

    private static void row(StringBuilder html, String name, String valueHtml) {
        Html.nameValueRow(html, CELL, name, valueHtml);
    }

    private static void paragraph(StringBuilder html, String innerHtml, String style) {
        html.append("<p style=\"margin:6px 0")
                .append(style.isEmpty() ? "" : ";" + style)
                .append("\">")
                .append(innerHtml)
                .append("</p>\n");
    }
}
