package io.github.jamestlsrpt.mailets.digest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jamestlsrpt.core.digest.Receipt;
import io.github.jamestlsrpt.core.explain.SafeText;
import io.github.jamestlsrpt.mail.ExtractedReport;
import io.github.jamestlsrpt.mail.ReportOutcome;
import io.github.jamestlsrpt.mailets.store.HeaderText;
import io.github.jamestlsrpt.mailets.store.MailboxFolder;
import io.github.jamestlsrpt.mailets.store.MimeWriting;
import io.github.jamestlsrpt.mailets.store.ReportMailbox;
import io.github.jamestlsrpt.mailets.store.ReportMailboxException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipts of the report mails whose reports were not all stored, so that a digest can count what the stored folder
 * cannot show: the reports that were invalid, unauthenticated, out of scope or duplicates. One small message per such
 * report mail, in the subfolder {@value #SUBFOLDER} of the stored reports' folder ({@code TLS-RPT.Receipts} with
 * James's default delimiter), holding a JSON object (media type application/json):
 *
 * <pre>{@code
 * {"receipt": 1, "mail": "Mail1764403200-1", "stored": 1, "duplicates": 0,
 *  "reports": [{"outcome": "accepted", "domains": ["example.com"]}, {"outcome": "invalid", "domains": []}]}
 * }</pre>
 *
 * <p>A mail whose reports were all accepted and stored as new gets no receipt: its stored reports are its record, and
 * a digest counts them from the stored folder. That is most report mails, so the folder holds the exceptions only and
 * each report mail costs one append less (docs/adr/0003-receipts-only-for-reports-not-stored.md). The subfolder is
 * created with the first report mail the store sees, so that a digest can tell "nothing to count" (the folder exists)
 * from "not recorded" (it does not).
 *
 * <p>The receipt's internal date (when it was appended) is when the mail was processed: a digest counts it in that
 * period. Domains are lower case and one line each ({@link SafeText}); at most {@value #REPORTS_KEPT} reports of a
 * mail and {@value #DOMAINS_KEPT} domains of a report are recorded. Which of a mail's reports were the duplicates is
 * not known here (the store counts them), so a digest names the domains of duplicates only for a mail whose reports
 * were all duplicates (see {@link Receipt#allDuplicates()}).
 *
 * <p>Writing a receipt never fails the mail: receipts are statistics, and a mailbox failure is logged as a warning.
 */
public final class ReceiptLog {

    /** The subfolder of the stored reports' folder that holds the receipts. */
    public static final String SUBFOLDER = "Receipts";
    /** Marks a receipt message; its value is the format version. */
    public static final String RECEIPT_HEADER = "X-TLSRPT-Receipt";
    /** The format version of receipts. */
    public static final int VERSION = 1;

    static final int REPORTS_KEPT = 1000;
    static final int DOMAINS_KEPT = 20;

    private static final Logger LOGGER = LoggerFactory.getLogger(ReceiptLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReportMailbox mailbox;
    private final Clock clock;
    private final Set<MailboxFolder> created = ConcurrentHashMap.newKeySet();

    /**
     * @param mailbox where the reports are stored
     * @param clock gives the Date of receipts (their internal date is the mailbox's)
     */
    public ReceiptLog(ReportMailbox mailbox, Clock clock) {
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The folder of the receipts of the reports stored in {@code reports}. */
    public static MailboxFolder folderOf(MailboxFolder reports) {
        return new MailboxFolder(reports.user(), reports.name() + "/" + SUBFOLDER);
    }

    /**
     * Records what became of the reports of one mail, when something did not go as usual ({@link #needed}). Never
     * throws: a failure is logged, and the mail goes on.
     *
     * @param reports the folder of the stored reports (the receipt goes into its subfolder)
     * @param mailName the mail's name, for a person looking for it in James's logs
     * @param found every report extraction found in the mail, whatever its outcome
     * @param stored how many of them the store stored
     * @param duplicates how many of them were already stored
     */
    public void record(
            MailboxFolder reports, String mailName, List<ExtractedReport> found, long stored, long duplicates) {
        if (found.isEmpty()) {
            return;
        }
        MailboxFolder folder = folderOf(reports);
        try {
            if (!created.contains(folder)) {
                mailbox.ensureFolder(folder);
                created.add(folder);
            }
            if (needed(found, stored, duplicates)) {
                mailbox.append(folder, write(reports.user(), mailName, found, stored, duplicates, clock.instant()));
            }
        } catch (ReportMailboxException | MessagingException | RuntimeException failure) {
            created.remove(folder); // perhaps deleted meanwhile: make sure of it again next time
            LOGGER.warn(
                    "mail {}: its receipt could not be written to {}; digests will not count its reports ({})",
                    SafeText.of(mailName),
                    folder,
                    failure.getMessage(),
                    failure);
        }
    }

    /**
     * Whether a mail needs a receipt: unless every report in it was accepted and stored as new, which the stored
     * folder alone shows.
     */
    static boolean needed(List<ExtractedReport> found, long stored, long duplicates) {
        if (duplicates > 0 || stored < found.size()) {
            return true;
        }
        for (ExtractedReport report : found) {
            if (report.outcome() != ReportOutcome.ACCEPTED) {
                return true; // out of scope, even when stored apart: counted from receipts
            }
        }
        return false;
    }

    /**
     * The receipts appended from {@code from} to {@code to}, or empty when the receipts folder does not exist (then
     * receipts are not recorded: no store has processed a report mail for this folder, and a digest says it has no
     * counts). An existing folder without receipts in the window means every report of the window was stored.
     * Messages of the folder that are not receipts are skipped.
     */
    public Optional<List<Receipt>> read(MailboxFolder reports, Instant from, Instant to) throws ReportMailboxException {
        MailboxFolder folder = folderOf(reports);
        if (!mailbox.exists(folder)) {
            return Optional.empty();
        }
        List<Receipt> receipts = new ArrayList<>();
        mailbox.read(folder, from, to, (uid, appended, content) -> parse(content, appended)
                .ifPresentOrElse(
                        receipts::add, () -> LOGGER.debug("message {} of {} is not a receipt: skipped", uid, folder)));
        return Optional.of(receipts);
    }

    static byte[] write(
            String user, String mailName, List<ExtractedReport> found, long stored, long duplicates, Instant now)
            throws MessagingException {
        byte[] json = json(mailName, found, stored, duplicates);

        String owner = owner(user).toString();
        Message message = Message.Builder.of()
                .addField(MimeWriting.field("Date", HeaderText.date(now)))
                .addField(MimeWriting.field("From", owner))
                .addField(MimeWriting.field("To", owner))
                .addField(MimeWriting.field("Message-ID", "<receipt." + UUID.randomUUID() + "@tlsrpt.invalid>"))
                .addField(MimeWriting.field(
                        "Subject",
                        HeaderText.value(
                                "Subject",
                                "TLS-RPT receipt: " + found.size() + (found.size() == 1 ? " report, " : " reports, ")
                                        + stored + " stored, " + duplicates
                                        + (duplicates == 1 ? " duplicate" : " duplicates"),
                                200)))
                .addField(MimeWriting.field("MIME-Version", "1.0"))
                .setBody(BasicBodyFactory.INSTANCE.binaryBody(json)) // adds a Content-Type, replaced next
                .setField(MimeWriting.field("Content-Type", "application/json; charset=utf-8"))
                .addField(MimeWriting.transferEncoding(json))
                .addField(MimeWriting.field("Auto-Submitted", "auto-generated"))
                .addField(MimeWriting.field(RECEIPT_HEADER, String.valueOf(VERSION)))
                .build();
        return MimeWriting.bytes(message, json.length * 12 / 10 + 1024);
    }

    /** The receipt's JSON object, written straight to bytes (compact, UTF-8) without building a tree first. */
    static byte[] json(String mailName, List<ExtractedReport> found, long stored, long duplicates) {
        List<ExtractedReport> kept = found.subList(0, Math.min(found.size(), REPORTS_KEPT));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + 64 * kept.size());
        try (JsonGenerator json = JSON.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("receipt", VERSION);
            json.writeStringField("mail", SafeText.of(mailName, 200));
            json.writeNumberField("stored", stored);
            json.writeNumberField("duplicates", duplicates);
            json.writeArrayFieldStart("reports");
            for (ExtractedReport report : kept) {
                json.writeStartObject();
                json.writeStringField("outcome", report.outcome().wireName());
                json.writeArrayFieldStart("domains");
                Set<String> distinct = new LinkedHashSet<>();
                for (String domain : report.policyDomains()) {
                    if (domain != null && !domain.isBlank() && distinct.size() < DOMAINS_KEPT) {
                        distinct.add(domain(domain));
                    }
                }
                for (String domain : distinct) {
                    json.writeString(domain);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", impossible);
        }
        return bytes.toByteArray();
    }

    /**
     * The receipt of a message, or empty when it is not one. Read with mime4j's streaming parser: Jakarta Mail 2.1
     * looks its stream provider up through a {@code ServiceLoader} for every header block, which made reading a
     * receipt several times slower than reading its JSON.
     */
    static Optional<Receipt> parse(InputStream content, Instant appended) throws IOException {
        MimeStreamParser parser = new MimeStreamParser(MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, null);
        parser.setContentDecoding(true);
        parser.setFlat(); // a receipt is one JSON body; any other message is not a receipt
        JsonNode[] body = new JsonNode[1];
        parser.setContentHandler(new AbstractContentHandler() {
            private boolean marked;

            @Override
            public void field(Field field) {
                marked |= field.getName().equalsIgnoreCase(RECEIPT_HEADER);
            }

            @Override
            public void body(BodyDescriptor descriptor, InputStream json) throws IOException {
                if (marked) {
                    body[0] = JSON.readTree(json);
                }
                parser.stop();
            }
        });
        JsonNode receipt;
        try {
            parser.parse(content);
            receipt = body[0];
        } catch (MimeException | JsonProcessingException notAReceipt) {
            return Optional.empty();
        }
        if (receipt == null || receipt.path("receipt").asInt() != VERSION) {
            return Optional.empty();
        }
        List<Receipt.Entry> entries = new ArrayList<>();
        for (JsonNode entry : receipt.path("reports")) {
            Optional<Receipt.Outcome> outcome =
                    Receipt.Outcome.fromWireName(entry.path("outcome").asText());
            if (outcome.isEmpty()) {
                continue;
            }
            List<String> domains = new ArrayList<>();
            for (JsonNode domain : entry.path("domains")) {
                if (domain.isTextual() && domains.size() < DOMAINS_KEPT) {
                    domains.add(domain(domain.asText()));
                }
            }
            entries.add(new Receipt.Entry(outcome.get(), domains));
        }
        return Optional.of(new Receipt(
                appended,
                Math.max(0, receipt.path("stored").asLong()),
                Math.max(0, receipt.path("duplicates").asLong()),
                entries));
    }

    /** A domain as the digest's stored documents name it: lower case, without a final dot, one line. */
    private static String domain(String domain) {
        String name = domain.strip().toLowerCase(Locale.ROOT);
        return SafeText.of(name.endsWith(".") ? name.substring(0, name.length() - 1) : name, 253);
    }

    private static InternetAddress owner(String user) throws MessagingException {
        InternetAddress address = new InternetAddress();
        address.setAddress(user.contains("@") ? user : user + "@localhost");
        address.validate();
        return address;
    }
}
