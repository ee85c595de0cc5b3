package io.github.jamestlsrpt.mailets.digest;

/** What tests of other packages need to know of the chart: its colours (RGB) and its height. */
public final class DigestChartProbe {

    public static final int OK = DigestChart.OK.getRGB() & 0xffffff;
    public static final int NOTICE = DigestChart.NOTICE.getRGB() & 0xffffff;
    public static final int WARNING = DigestChart.WARNING.getRGB() & 0xffffff;
    public static final int CRITICAL = DigestChart.CRITICAL.getRGB() & 0xffffff;
    public static final int NO_DATA = DigestChart.NO_DATA.getRGB() & 0xffffff;

    private DigestChartProbe() {}

    /** The height in pixels of a chart of that many rows. */
    public static int height(int rows) {
        return DigestChart.height(rows);
    }
}
