package io.github.jamestlsrpt.mailets.summary;

import io.github.jamestlsrpt.core.explain.Delivery;
import io.github.jamestlsrpt.core.explain.ReportFacts;
import io.github.jamestlsrpt.core.explain.ReportFacts.FailureFacts;
import io.github.jamestlsrpt.core.explain.ReportFacts.Listed;
import io.github.jamestlsrpt.core.explain.ReportFacts.Place;
import io.github.jamestlsrpt.core.explain.ReportFacts.PolicyFacts;
import io.github.jamestlsrpt.core.explain.ReportFacts.Warning;
import java.util.Locale;
import java.util.function.Function;

/**
 * The text/html part of a summary: one self-contained document with inline styles (what mail programs keep), no
 * script, no image, no link, no external resource. Every piece of text passes through {@link Html#escape}; text from
 * the report is {@link LinkFree} as well.
 */
final class HtmlRenderer {

    private static final String MUTED = Html.MUTED;
    private static final String CELL = "padding:2px 12px 2px 0;vertical-align:top;text-align:left";
    private static final String CODE = "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;"
            + "background:#f6f8fa;padding:0 3px;border-radius:3px;word-break:break-all";

    private HtmlRenderer() {}

    static String render(SummaryContent content) {
        StringBuilder html = new StringBuilder(8192);
        String title = "TLS report: " + content.headline();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(Html.escape(title))
                .append("</title>\n</head>\n")
                .append("<body style=\"margin:0;padding:16px;background:#f6f8fa;color:#1f2328;font-family:")
                .append("-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:14px;line-height:1.45\">\n")
                .append("<div style=\"max-width:760px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;")
                .append("border-radius:6px;padding:16px 20px\">\n");
        html.append("<h1 style=\"font-size:20px;margin:0 0 12px\">")
                .append(Html.escape(title))
                .append("</h1>\n");

        html.append("<table style=\"border-collapse:collapse;margin:0 0 12px\">\n");
        row(html, "Reporter", Html.escape(content.reporter()));
        content.period().ifPresent(period -> row(html, "Period", Html.escape(period)));
        row(html, "Report id", code(content.reportId()));
        row(html, "DKIM", dkim(content));
        row(html, "In total", Html.escape(content.totals()));
        content.note().ifPresent(note -> row(html, "Note", Html.escape(note)));
        html.append("</table>\n");

        if (content.facts().isEmpty()) {
            paragraph(html, Html.escape(SummaryContent.NO_DETAILS));
        } else {
            ReportFacts facts = content.facts().get();
            for (PolicyFacts policy : facts.policies().shown()) {
                policy(html, policy);
            }
            if (facts.policies().omitted() > 0) {
                paragraph(
                        html,
                        "And " + facts.policies().omitted()
                                + " more policies, left out here; the stored report has them.");
            }
            warnings(html, facts.warnings());
        }
        html.append("<p style=\"")
                .append(MUTED)
                .append(";font-size:12px;border-top:1px solid #d0d7de;padding-top:8px;margin-top:20px\">")
                .append(Html.escape(content.footer()))
                .append("</p>\n</div>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String dkim(SummaryContent content) {
        String line = Html.escape(content.dkimLine());
        return content.unauthenticated() ? "<strong style=\"color:#cf222e\">" + line + "</strong>" : line;
    }

    private static void policy(StringBuilder html, PolicyFacts policy) {
        html.append("<h2 style=\"font-size:17px;margin:24px 0 6px;padding-bottom:4px;border-bottom:1px solid")
                .append(" #d0d7de\">")
                .append(Html.escape(
                        policy.policyDomain() == null ? "(no policy domain)" : LinkFree.text(policy.policyDomain())))
                .append(" <span style=\"font-weight:normal;")
                .append(MUTED)
                .append("\">")
                .append(Html.escape(subtitle(policy)))
                .append("</span></h2>\n");
        if (policy.isHostReport()) {
            paragraph(
                    html,
                    "<strong>DANE host report:</strong> these figures are about the MX host "
                            + Html.escape(LinkFree.text(
                                    policy.policyDomain() == null ? "(not named)" : policy.policyDomain()))
                            + ", whose TLSA records the sender used, not about a mail domain.");
        }
        if (!policy.mxHosts().isEmpty()) {
            paragraph(html, "MX hosts of the policy: " + list(policy.mxHosts(), HtmlRenderer::code, ", "));
        }
        paragraph(html, Html.escape(ReportFacts.sessions(policy.successfulSessions(), policy.failedSessions())));
        if (policy.failedSessions() > 0) {
            html.append("<p class=\"delivery-")
                    .append(policy.delivery().name().toLowerCase(Locale.ROOT))
                    .append("\" style=\"margin:6px 0;padding:6px 10px;font-weight:bold;border-left:4px solid ")
                    .append(colour(policy.delivery()))
                    .append(";background:")
                    .append(background(policy.delivery()))
                    .append("\">")
                    .append(Html.escape(LinkFree.text(policy.consequence())))
                    .append("</p>\n");
        }
        for (FailureFacts failure : policy.failures().shown()) {
            failure(html, failure);
        }
        if (policy.failures().omitted() > 0) {
            paragraph(html, "And " + policy.failures().omitted() + " more failure types, left out here.");
        }
    }

    private static String subtitle(PolicyFacts policy) {
        StringBuilder subtitle = new StringBuilder(policy.isHostReport() ? "DANE host report" : "")
                .append(
                        policy.isHostReport()
                                ? ""
                                : LinkFree.text(policy.policy().title()));
        if (policy.stsMode() != null) {
            subtitle.append(", mode ").append(LinkFree.text(policy.stsMode()));
        }
        return subtitle.toString();
    }

    private static String colour(Delivery delivery) {
        return switch (delivery) {
            case HELD -> "#cf222e";
            case CLEARTEXT -> "#bf8700";
            case UNKNOWN -> "#818b98";
        };
    }

    private static String background(Delivery delivery) {
        return switch (delivery) {
            case HELD -> "#ffebe9";
            case CLEARTEXT -> "#fff8c5";
            case UNKNOWN -> "#f6f8fa";
        };
    }

    private static void failure(StringBuilder html, FailureFacts failure) {
        html.append("<div style=\"border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;margin:10px 0\">\n")
                .append("<h3 style=\"font-size:15px;margin:0 0 4px\">")
                .append(Html.escape(ReportFacts.count(failure.sessions(), "session")))
                .append(" failed: ")
                .append(Html.escape(LinkFree.text(failure.explanation().title())))
                .append(' ')
                .append(code(failure.resultType()))
                .append("</h3>\n");
        paragraph(
                html,
                "<strong>What it means:</strong> "
                        + Html.escape(failure.explanation().meaning()));
        if (!failure.explanation().fix().isEmpty()) {
            paragraph(
                    html,
                    "<strong>Usual fix:</strong> "
                            + Html.escape(failure.explanation().fix()));
        }
        html.append("<table style=\"border-collapse:collapse;margin-top:4px\">\n");
        if (!failure.receivingMx().isEmpty()) {
            row(html, "Receiving MX", list(failure.receivingMx(), HtmlRenderer::place, "<br>"));
        }
        if (!failure.sendingMtas().isEmpty()) {
            row(html, "Sending MTAs", list(failure.sendingMtas(), HtmlRenderer::place, "<br>"));
        }
        if (!failure.reasonCodes().isEmpty()) {
            row(
                    html,
                    failure.reasonCodes().shown().size() == 1 ? "Failure reason code" : "Failure reason codes",
                    list(failure.reasonCodes(), HtmlRenderer::code, "<br>"));
        }
        if (!failure.additionalInformation().isEmpty()) {
            row(
                    html,
                    "Additional information",
                    list(failure.additionalInformation(), info -> codeOf(LinkFree.defanged(info)), "<br>")
                            + "<br><span style=\"" + MUTED + ";font-size:12px\">(" + Html.escape(LinkFree.LEGEND)
                            + ")</span>");
        }
        html.append("</table>\n</div>\n");
    }

    private static void warnings(StringBuilder html, Listed<Warning> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        html.append("<h2 style=\"font-size:17px;margin:24px 0 6px\">Validation warnings</h2>\n");
        paragraph(html, "The report deviates from RFC 8460; it was read anyway.");
        html.append("<ul style=\"margin:4px 0;padding-left:20px\">\n");
        for (Warning warning : warnings.shown()) {
            html.append("<li>")
                    .append(code(warning.code()))
                    .append(warning.pointer().isEmpty() ? "" : " at " + code(warning.pointer()))
                    .append(": ")
                    .append(Html.escape(LinkFree.text(warning.message())))
                    .append("</li>\n");
        }
        if (warnings.omitted() > 0) {
            html.append("<li>and ").append(warnings.omitted()).append(" more</li>\n");
        }
        html.append("</ul>\n");
    }

    private static String place(Place place) {
        return Html.escape(LinkFree.text(place.name())) + " <span style=\"" + MUTED + "\">("
                + Html.escape(ReportFacts.count(place.sessions(), "session")) + ")</span>";
    }

    /** Report text as code: escaped and link-free. */
    private static String code(String text) {
        return codeOf(LinkFree.text(text));
    }

    private static String codeOf(String linkFree) {
        return "<code style=\"" + CODE + "\">" + Html.escape(linkFree) + "</code>";
    }

    private static <T> String list(Listed<T> listed, Function<T, String> html, String separator) {
        String joined = String.join(separator, listed.shown().stream().map(html).toList());
        return listed.omitted() == 0 ? joined : joined + separator + "and " + listed.omitted() + " more";
    }

    private static void row(StringBuilder html, String name, String valueHtml) {
        Html.nameValueRow(html, CELL, name, valueHtml);
    }

    private static void paragraph(StringBuilder html, String innerHtml) {
        html.append("<p style=\"margin:6px 0\">").append(innerHtml).append("</p>\n");
    }
}
