package io.github.jamestlsrpt.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Content-Type or Content-Disposition value: the lower-cased type and its parameters, with RFC 2231 continuations
 * ({@code filename*0*=utf-8''a%20b; filename*1=.json}) and charsets decoded. Lenient: malformed input gives what
 * could be read, never an exception. Knows no mail library, so every adapter shares it.
 *
 * @param value the type ("application/tlsrpt+gzip", "attachment"), lower-cased; empty when absent
 * @param parameters parameter names lower-cased, values decoded
 */
public record HeaderValue(String value, Map<String, String> parameters) {

    public static final HeaderValue EMPTY = new HeaderValue("", Map.of());

    public HeaderValue {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    public static HeaderValue parse(String header) {
        if (header == null || header.isBlank()) {
            return EMPTY;
        }
        String unfolded = header.replace("\r", "").replace("\n", "");
        int semicolon = indexOfUnquoted(unfolded, ';', 0);
        String value = (semicolon < 0 ? unfolded : unfolded.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        Map<String, String> simple = new LinkedHashMap<>();
        Map<String, String> extended = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> sections = new LinkedHashMap<>();
        int position = semicolon;
        while (position >= 0 && position < unfolded.length()) {
            int next = indexOfUnquoted(unfolded, ';', position + 1);
            String parameter = unfolded.substring(position + 1, next < 0 ? unfolded.length() : next)
                    .trim();
            position = next;
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String raw = unquote(parameter.substring(equals + 1).trim());
            addParameter(simple, extended, sections, name, raw);
        }
        for (Map.Entry<String, TreeMap<Integer, String[]>> section : sections.entrySet()) {
            extended.putIfAbsent(section.getKey(), joinSections(section.getValue()));
        }
        // senders add a plain ASCII fallback beside the RFC 2231 form; the RFC 2231 form wins whatever the order
        // (as RFC 6266 section 4.3 says for filename and filename*)
        simple.putAll(extended);
        return new HeaderValue(value, simple);
    }

    /** RFC 2231 section 3 (continuations) and 4 (charset and percent-encoding, marked by a trailing "*"). */
    private static void addParameter(
            Map<String, String> simple,
            Map<String, String> extended,
            Map<String, TreeMap<Integer, String[]>> sections,
            String name,
            String raw) {
        boolean encoded = name.endsWith("*");
        String base = encoded ? name.substring(0, name.length() - 1) : name;
        int star = base.indexOf('*');
        if (star < 0) {
            if (encoded) {
                extended.put(base, decodeExtended(raw));
            } else {
                simple.put(base, raw);
            }
            return;
        }
        String parameterName = base.substring(0, star);
        try {
            int index = Integer.parseInt(base.substring(star + 1));
            sections.computeIfAbsent(parameterName, key -> new TreeMap<>())
                    .put(index, new String[] {raw, encoded ? "*" : ""});
        } catch (NumberFormatException malformed) {
            simple.putIfAbsent(base, raw);
        }
    }

    private static String joinSections(TreeMap<Integer, String[]> parts) {
        StringBuilder joined = new StringBuilder();
        Charset charset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (Map.Entry<Integer, String[]> part : parts.entrySet()) {
            String raw = part.getValue()[0];
            boolean encoded = !part.getValue()[1].isEmpty();
            if (encoded) {
                if (part.getKey() == 0) {
                    int first = raw.indexOf('\'');
                    int second = first < 0 ? -1 : raw.indexOf('\'', first + 1);
                    if (second > 0) {
                        charset = charset(raw.substring(0, first));
                        raw = raw.substring(second + 1);
                    }
                }
                percentDecode(raw, pending);
            } else {
                flush(joined, pending, charset);
                joined.append(raw);
            }
        }
        flush(joined, pending, charset);
        return joined.toString();
    }

    private static String decodeExtended(String raw) {
        Charset charset = StandardCharsets.UTF_8;
        String data = raw;
        int first = raw.indexOf('\'');
        int second = first < 0 ? -1 : raw.indexOf('\'', first + 1);
        if (second > 0) {
            charset = charset(raw.substring(0, first));
            data = raw.substring(second + 1);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        percentDecode(data, bytes);
        return bytes.toString(charset);
    }

    private static void flush(StringBuilder joined, ByteArrayOutputStream pending, Charset charset) {
        if (pending.size() > 0) {
            joined.append(pending.toString(charset == null ? StandardCharsets.UTF_8 : charset));
            pending.reset();
        }
    }

    private static void percentDecode(String data, ByteArrayOutputStream out) {
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '%' && i + 2 < data.length()) {
                int high = Character.digit(data.charAt(i + 1), 16);
                int low = Character.digit(data.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    out.write(high * 16 + low);
                    i += 2;
                    continue;
                }
            }
            byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(encoded, 0, encoded.length);
        }
    }

    private static Charset charset(String name) {
        try {
            return name.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(name.trim());
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            StringBuilder value = new StringBuilder(raw.length());
            for (int i = 1; i < raw.length() - 1; i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length() - 1) {
                    c = raw.charAt(++i);
                }
                value.append(c);
            }
            return value.toString();
        }
        return raw;
    }

    private static int indexOfUnquoted(String text, char wanted, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
