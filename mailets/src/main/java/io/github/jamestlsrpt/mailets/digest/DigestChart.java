package io.github.jamestlsrpt.mailets.digest;

import io.github.jamestlsrpt.core.digest.Digest;
import io.github.jamestlsrpt.core.digest.Digest.DomainDigest;
import io.github.jamestlsrpt.core.digest.Digest.Sessions;
import io.github.jamestlsrpt.core.digest.DigestSeverity;
import io.github.jamestlsrpt.core.document.PolicyScope;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The picture of a digest: per domain (worst first, then the DANE hosts), one row of daily bars over the days of the
 * digest's series; a bar's height is that day's success rate (0 to 100 %), its colour the band of that day's failure
 * rate (the same bands as the severity), a grey tick a day without reports. Drawn with Java2D on an image in memory
 * (headless: no display, no browser, no network) and written as PNG.
 *
 * <p>Text needs the JVM's fonts; a server without fonts (a minimal container image) fails to draw text, so the chart
 * is then drawn without it (the HTML part names the rows anyway); should even that fail, the digest goes without a
 * picture. Nothing here throws for data.
 */
final class DigestChart {

    /** At most this many rows are drawn. */
    static final int ROWS = 20;

    static final int WIDTH = 720;
    static final Color OK = new Color(0x2d, 0xa4, 0x4e);
    static final Color NOTICE = new Color(0xd4, 0xa7, 0x2c);
    static final Color WARNING = new Color(0xfb, 0x85, 0x00);
    static final Color CRITICAL = new Color(0xcf, 0x22, 0x2e);
    static final Color NO_DATA = new Color(0xd0, 0xd7, 0xde);

    private static final Logger LOGGER = LoggerFactory.getLogger(DigestChart.class);
    private static final Color TEXT = new Color(0x1f, 0x23, 0x28);
    private static final Color MUTED = new Color(0x59, 0x63, 0x6e);
    private static final Color GRID = new Color(0xea, 0xee, 0xf2);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
    private static final int TOP = 36;
    private static final int ROW = 40;
    private static final int BAR_AREA = 28;
    private static final int LABEL = 236;
    private static final int RIGHT = 64;
    private static final int BOTTOM = 52;

    private DigestChart() {}

    /** The rows a chart of this digest shows, in order: the domains worst first, then the DANE hosts. */
    static List<DomainDigest> rows(Digest digest) {
        List<DomainDigest> rows = new ArrayList<>();
        for (DomainDigest domain : digest.domains()) {
            if (rows.size() < ROWS) {
                rows.add(domain);
            }
        }
        for (DomainDigest host : digest.hosts()) {
            if (rows.size() < ROWS) {
                rows.add(host);
            }
        }
        return rows;
    }

    /** The PNG, or empty when the digest has no domain or the picture could not be drawn. */
    static Optional<byte[]> png(Digest digest) {
        if (rows(digest).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(png(digest, true));
        } catch (RuntimeException | Error noFonts) {
            rethrowIfFatal(noFonts);
            LOGGER.warn("the digest chart could not be drawn with text (fonts missing?); drawn without", noFonts);
        }
        try {
            return Optional.of(png(digest, false));
        } catch (RuntimeException | Error cannotDraw) {
            rethrowIfFatal(cannotDraw);
            LOGGER.warn("the digest chart could not be drawn; the digest goes without it", cannotDraw);
            return Optional.empty();
        }
    }

    /**
     * Java2D reports a missing font library or font configuration as an Error (UnsatisfiedLinkError, InternalError,
     * or a plain Error "No fonts found"): those are caught, since the digest is worth more than its picture; the
     * virtual machine's own troubles (out of memory, stack overflow) are not.
     */
    private static void rethrowIfFatal(Throwable failure) {
        if (failure instanceof VirtualMachineError && !(failure instanceof InternalError)) {
            throw (VirtualMachineError) failure;
        }
    }

    static int height(int rows) {
        return TOP + rows * ROW + BOTTOM;
    }

    static byte[] png(Digest digest, boolean withText) {
        List<DomainDigest> rows = rows(digest);
        BufferedImage image = new BufferedImage(WIDTH, height(rows.size()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            int days = digest.days().size();
            double slot = (double) (WIDTH - LABEL - RIGHT) / days;
            if (withText) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                g.setColor(TEXT);
                g.drawString(
                        "Daily success rate, last " + days + " days (by day received, "
                                + digest.period().zoneName() + ")",
                        8,
                        22);
            }
            for (int r = 0; r < rows.size(); r++) {
                row(g, rows.get(r), TOP + r * ROW, slot, withText);
            }
            int axis = TOP + rows.size() * ROW;
            if (withText) {
                axis(g, digest.days(), axis, slot);
            }
            legend(g, axis + 24, withText);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("this Java has no PNG writer");
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", impossible);
        }
        return bytes.toByteArray();
    }

    private static void row(Graphics2D g, DomainDigest domain, int top, double slot, boolean withText) {
        int base = top + ROW - 6;
        g.setColor(GRID);
        g.setStroke(new BasicStroke(1));
        g.drawLine(LABEL, base, WIDTH - RIGHT, base);
        g.drawLine(LABEL, base - BAR_AREA, WIDTH - RIGHT, base - BAR_AREA);
        g.setColor(colour(domain.severity()));
        g.fillOval(8, top + 14, 10, 10);
        if (withText) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(TEXT);
            String name = domain.scope() == PolicyScope.HOST ? domain.name() + " (DANE host)" : domain.name();
            g.drawString(fit(g.getFontMetrics(), name, LABEL - 32), 24, top + 23);
            g.setColor(MUTED);
            g.drawString(DigestWords.successRate(domain.sessions()), WIDTH - RIGHT + 8, top + 23);
        }
        List<Sessions> daily = domain.daily();
        for (int d = 0; d < daily.size(); d++) {
            Sessions day = daily.get(d);
            int x = LABEL + (int) Math.round(d * slot) + 1;
            int width = Math.max(2, (int) Math.round(slot) - 3);
            if (day.total() == 0) {
                g.setColor(NO_DATA);
                g.fillRect(x, base - 2, width, 2);
                continue;
            }
            double success = day.successRate().orElseThrow();
            int height = Math.max(2, (int) Math.round(success * BAR_AREA));
            g.setColor(colour(DigestSeverity.of(day.successful(), day.failed(), false)));
            g.fillRect(x, base - height, width, height);
        }
    }

    private static void axis(Graphics2D g, List<LocalDate> days, int top, double slot) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(MUTED);
        FontMetrics metrics = g.getFontMetrics();
        for (int d : new int[] {0, days.size() / 2, days.size() - 1}) {
            String label = DAY.format(days.get(d));
            int centre = LABEL + (int) Math.round((d + 0.5) * slot);
            g.drawString(
                    label,
                    Math.min(WIDTH - metrics.stringWidth(label) - 2, centre - metrics.stringWidth(label) / 2),
                    top + 14);
        }
    }

    private static void legend(Graphics2D g, int top, boolean withText) {
        String[] names = {"no failures", "under 10% failed", "under 50% failed", "50% or more failed", "no report"};
        Color[] colours = {OK, NOTICE, WARNING, CRITICAL, NO_DATA};
        int x = 8;
        if (withText) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
        for (int i = 0; i < names.length; i++) {
            g.setColor(colours[i]);
            g.fillRect(x, top + 4, 12, 12);
            x += 16;
            if (withText) {
                g.setColor(MUTED);
                g.drawString(names[i], x, top + 14);
                x += g.getFontMetrics().stringWidth(names[i]) + 18;
            } else {
                x += 24;
            }
        }
    }

    static Color colour(DigestSeverity severity) {
        return switch (severity) {
            case OK -> OK;
            case NOTICE -> NOTICE;
            case WARNING -> WARNING;
            case CRITICAL -> CRITICAL;
        };
    }

    /** The text cut with "…" to fit the width in pixels. */
    private static String fit(FontMetrics metrics, String text, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
