package io.github.jamestlsrpt.mailets.summary;

/** Text escaped for HTML content and for quoted attribute values, and the pieces the summary and digest share. */
public final class Html {

    /** The grey of secondary text, as a style declaration. */
    public static final String MUTED = "color:#59636e";

    private Html() {}

    /**
     * A table row of a name (escaped here, in the muted colour) and a value already in HTML.
     *
     * @param cellStyle the style declarations of both cells
     */
    public static void nameValueRow(StringBuilder html, String cellStyle, String name, String valueHtml) {
        html.append("<tr><th style=\"")
                .append(cellStyle)
                .append(';')
                .append(MUTED)
                .append(";font-weight:normal;white-space:nowrap\">")
                .append(escape(name))
                .append("</th><td style=\"")
                .append(cellStyle)
                .append("\">")
                .append(valueHtml)
                .append("</td></tr>\n");
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
