package io.github.jamestlsrpt.mail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * The mail attributes through which our mailets and matchers talk: {@code ExtractTlsReports} writes the outcome of
 * reading a mail, the matchers route by it, {@code StoreTlsReports} stores from it and adds what it did. Every name
 * starts with {@value #PREFIX}.
 */
public final class TlsReportAttributes {

    public static final String PREFIX = "io.github.jamestlsrpt.";

    /** {@link MessageStatus} wire name: the worst outcome of the mail's reports */
    public static final AttributeName STATUS = AttributeName.of(PREFIX + "status");
    /** {@link DkimVerdict.Result} wire name */
    public static final AttributeName DKIM = AttributeName.of(PREFIX + "dkim");
    /** the d= that authenticated the mail, only on a pass */
    public static final AttributeName DKIM_DOMAIN = AttributeName.of(PREFIX + "dkim-domain");
    /** why the DKIM verdict is what it is, in one sentence */
    public static final AttributeName DKIM_REASON = AttributeName.of(PREFIX + "dkim-reason");
    /** a collection of {@link ExtractedReport}s, one per report found */
    public static final AttributeName REPORTS = AttributeName.of(PREFIX + "reports");
    /** how many reports the store mailet stored (a long) */
    public static final AttributeName STORED = AttributeName.of(PREFIX + "stored");
    /** how many reports the store mailet found already stored (a long) */
    public static final AttributeName DUPLICATES = AttributeName.of(PREFIX + "duplicates");

    private TlsReportAttributes() {}

    /** Writes the outcome of extraction, replacing any earlier one. */
    public static void writeExtraction(Mail mail, DkimVerdict dkim, List<ExtractedReport> reports) {
        mail.setAttribute(new Attribute(
                STATUS, AttributeValue.of(MessageStatus.of(reports).wireName())));
        mail.setAttribute(new Attribute(DKIM, AttributeValue.of(dkim.result().wireName())));
        if (dkim.domain() != null) {
            mail.setAttribute(new Attribute(DKIM_DOMAIN, AttributeValue.of(dkim.domain())));
        } else {
            mail.removeAttribute(DKIM_DOMAIN);
        }
        mail.setAttribute(new Attribute(DKIM_REASON, AttributeValue.of(dkim.reason())));
        List<AttributeValue<?>> values = new ArrayList<>();
        reports.forEach(report -> values.add(report.toAttributeValue()));
        mail.setAttribute(new Attribute(REPORTS, AttributeValue.of(values)));
    }

    /** Empty when the mail has not been through extraction. */
    public static Optional<MessageStatus> status(Mail mail) {
        return string(mail, STATUS).flatMap(MessageStatus::fromWireName);
    }

    /** Empty when the mail has not been through extraction. */
    public static Optional<DkimVerdict> dkim(Mail mail) {
        Optional<DkimVerdict.Result> result = string(mail, DKIM).flatMap(DkimVerdict.Result::fromWireName);
        if (result.isEmpty()) {
            return Optional.empty();
        }
        String domain = result.get() == DkimVerdict.Result.PASS
                ? string(mail, DKIM_DOMAIN).orElse("")
                : null;
        return Optional.of(
                new DkimVerdict(result.get(), domain, string(mail, DKIM_REASON).orElse("")));
    }

    /** The reports extraction found, in the order of the mail; empty when none or not extracted. */
    public static List<ExtractedReport> reports(Mail mail) {
        List<ExtractedReport> reports = new ArrayList<>();
        mail.getAttribute(REPORTS)
                .map(attribute -> attribute.getValue().value())
                .filter(Collection.class::isInstance)
                .map(Collection.class::cast)
                .ifPresent(values -> {
                    for (Object value : values) {
                        if (value instanceof AttributeValue<?> attributeValue) {
                            ExtractedReport.fromAttributeValue(attributeValue).ifPresent(reports::add);
                        }
                    }
                });
        return reports;
    }

    private static Optional<String> string(Mail mail, AttributeName name) {
        return mail.getAttribute(name)
                .map(attribute -> attribute.getValue().value())
                .filter(String.class::isInstance)
                .map(String.class::cast);
    }
}
