package io.github.jamestlsrpt.matchers;

import io.github.jamestlsrpt.mail.DkimVerdict;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.MessageStatus;
import io.github.jamestlsrpt.mail.TlsReportAttributes;
import jakarta.mail.MessagingException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A matcher over what {@code ExtractTlsReports} left on the mail, read only through {@link TlsReportAttributes}. A
 * mail that has not been through extraction never matches; a mail whose attributes cannot be read does not match
 * either and is logged at WARN. Never throws, never returns null.
 */
abstract class ExtractionOutcomeMatcher extends GenericMatcher {

    /**
     * What extraction left on a mail.
     *
     * @param status the mail's status: the worst outcome of its reports, or no-report
     * @param dkim the DKIM verdict, or empty when the attribute is missing or foreign
     * @param reports the reports found, in mail order (those whose attribute value is foreign are left out)
     */
    record Extraction(MessageStatus status, Optional<DkimVerdict> dkim, List<ExtractedReport> reports) {}

    private final Logger logger = LoggerFactory.getLogger(getClass());

    @Override
    public final void init() throws MessagingException {
        configure(MatcherCondition.parse(getClass().getSimpleName(), getCondition(), parameters()));
    }

    /** The condition parameters this matcher knows. */
    abstract List<ConditionParameter> parameters();

    /** Reads and checks the condition into an immutable configuration. */
    abstract void configure(MatcherCondition condition) throws MessagingException;

    /** Whether a mail that has been through extraction matches. */
    abstract boolean matches(Extraction extraction);

    @Override
    public final Collection<MailAddress> match(Mail mail) {
        try {
            Optional<MessageStatus> status = TlsReportAttributes.status(mail);
            if (status.isEmpty()) {
                return List.of();
            }
            Extraction extraction =
                    new Extraction(status.get(), TlsReportAttributes.dkim(mail), TlsReportAttributes.reports(mail));
            return matches(extraction) ? Recipients.of(mail) : List.of();
        } catch (RuntimeException unreadable) {
            logger.warn(
                    "{}: mail {}: the TLS report attributes cannot be read: {}",
                    getClass().getSimpleName(),
                    mail.getName(),
                    ReportMailDetector.describe(unreadable));
            return List.of();
        }
    }
}
