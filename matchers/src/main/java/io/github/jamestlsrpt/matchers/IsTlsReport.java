package io.github.jamestlsrpt.matchers;

import io.github.jamestlsrpt.core.read.ReportSniffer;
import io.github.jamestlsrpt.mail.RawMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches mails that hold an SMTP TLS report (RFC 8460), recognised by structure and content together, so that they
 * can be sent to the processor that authenticates, reads and stores them. A mail matches when one of its parts, down
 * to {@value io.github.jamestlsrpt.message.ReportPartRules#MAX_DEPTH} levels deep (forwarded messages included), is:
 *
 * <ul>
 *   <li>labelled as a report: {@code application/tlsrpt+gzip} or {@code application/tlsrpt+json} (any case, any
 *       parameters; RFC 8460 section 5.3);
 *   <li>an {@code application/gzip}, {@code application/zip}, {@code application/octet-stream},
 *       {@code application/json} or {@code application/tlsrpt} part whose filename (RFC 2231 split and encoded
 *       filenames included) ends in .json, .json.gz or .zip, in a mail that says it is a TLS report (a
 *       {@code multipart/report; report-type=tlsrpt}, or a {@code TLS-Report-Domain} header): it counts as labelled;
 *   <li>such a part in any other mail, or a mail whose whole body is the report, when the first {@code peekBytes}
 *       bytes of the part really are a report: JSON with an RFC 8460 top-level member, also inside gzip or zip
 *       (recognised by their magic bytes).
 * </ul>
 *
 * <p>The labels are read by the same rules as the command-line tool's ({@code ReportPartRules}), so both recognise
 * the same mails. A DMARC aggregate report (XML; a .xml.gz or .zip of XML, "!" in its name or not) does not match,
 * nor does ordinary mail (text, HTML, a PDF) nor a notice about another mail: a {@code multipart/report} whose
 * report-type is not tlsrpt (a bounce's delivery-status, a read receipt, an abuse report) is not looked into, even
 * when the mail it returns held a TLS report.
 *
 * <p><b>A labelled part whose bytes are not a report still matches</b>: its labels say it is a report, so the
 * extraction must see it and keep the mail with an "invalid" reason, so that nothing is lost silently. Only the parts
 * whose labels do not decide are peeked at.
 *
 * <p>Cheap and safe on hostile mail: it stops at the first report part; it reads at most {@code peekBytes} bytes of a
 * part (after transfer decoding) and inflates at most as many, never a whole report; it walks at most
 * 32 levels of nesting and 1000 MIME parts. It
 * never throws: a part that cannot be read (corrupt gzip, bad MIME) counts as no report and is logged at WARN with
 * the mail's name and the reason, without a stack trace. It returns the mail's recipients on a match, an empty
 * collection otherwise.
 *
 * <p>Condition parameters (written {@code name=value}, separated by ";"):
 *
 * <table>
 *   <caption>IsTlsReport parameters</caption>
 *   <tr><th>parameter</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>peekBytes</td><td>65536</td><td>how many bytes of a part whose labels do not decide are read, and at
 *       most inflated, to decide whether it is a report; 1024 to 1048576</td></tr>
 * </table>
 *
 * <p>In the root processor, before the mail is delivered (usually together with a recipient matcher, through
 * James's {@code And} composite matcher, for the rua address):
 *
 * <pre>{@code
 * <processor state="root" enableJmx="true">
 *   <mailet match="io.github.jamestlsrpt.matchers.IsTlsReport" class="ToProcessor">
 *     <processor>tlsrpt</processor>
 *   </mailet>
 *   <!-- or, to look further into the parts whose labels do not decide: -->
 *   <mailet match="io.github.jamestlsrpt.matchers.IsTlsReport=peekBytes=131072" class="ToProcessor">
 *     <processor>tlsrpt</processor>
 *   </mailet>
 * </processor>
 * }</pre>
 */
public class IsTlsReport extends GenericMatcher {

    /** The condition parameters, as documented above. */
    public static final List<ConditionParameter> PARAMETERS = List.of(new ConditionParameter(
            "peekBytes",
            "65536",
            "how many bytes of a part whose labels do not decide are read, and at most inflated, to decide whether"
                    + " it is a report; 1024 to 1048576"));

    static final int MIN_PEEK_BYTES = 1024;
    static final int MAX_PEEK_BYTES = 1024 * 1024;

    /**
     * The configuration read from the condition.
     *
     * @param peekBytes how many bytes of a part are read, and at most inflated, to decide
     */
    public record Configuration(int peekBytes) {}

    private final Logger logger;
    private final ReportMailDetector.Sniffer sniffer;
    private Configuration configuration;
    private ReportMailDetector detector;

    public IsTlsReport() {
        this(LoggerFactory.getLogger(IsTlsReport.class), ReportSniffer::sniff);
    }

    /** For tests: a logger to watch, a sniffer to count what is read. */
    IsTlsReport(Logger logger, ReportMailDetector.Sniffer sniffer) {
        this.logger = logger;
        this.sniffer = sniffer;
    }

    @Override
    public void init() throws MessagingException {
        MatcherCondition condition = MatcherCondition.parse(getClass().getSimpleName(), getCondition(), PARAMETERS);
        int peekBytes =
                (int) condition.integer("peekBytes", ReportSniffer.DEFAULT_BUDGET, MIN_PEEK_BYTES, MAX_PEEK_BYTES);
        configuration = new Configuration(peekBytes);
        detector = new ReportMailDetector(peekBytes, sniffer);
    }

    public Configuration configuration() {
        return configuration;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            if (message == null) {
                return List.of();
            }
            ReportMailDetector.Detection detection;
            try (InputStream bytes = RawMessage.open(message)) {
                detection = detector.detect(bytes);
            }
            for (String warning : detection.warnings()) {
                logger.warn("IsTlsReport: mail {}: {}", mail.getName(), warning);
            }
            if (!detection.isReport()) {
                return List.of();
            }
            logger.debug("IsTlsReport: mail {} is a TLS report: {}", mail.getName(), detection.evidence());
            return Recipients.of(mail);
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            logger.warn(
                    "IsTlsReport: mail {}: the message cannot be read: {}",
                    mail.getName(),
                    ReportMailDetector.describe(unreadable));
            return List.of();
        }
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mails that hold an SMTP TLS report (RFC 8460)";
    }
}
