package io.github.jamestlsrpt.mailets.dkim;

import java.util.HashMap;
import java.util.Map;

/**
 * A lenient reading of a DKIM-Signature field's tags, for naming a signature that jDKIM refused to parse (an expired
 * signature, a syntax error): jDKIM then reports a placeholder record with d=invalid, and only the raw field tells
 * who signed.
 */
final class RawSignatureTags {

    private RawSignatureTags() {}

    /** @param field the whole field ({@code DKIM-Signature: v=1; ...}) or only its value; null gives no tags */
    static Map<String, String> of(String field) {
        Map<String, String> tags = new HashMap<>();
        if (field == null) {
            return tags;
        }
        String value = field;
        int colon = field.indexOf(':');
        if (colon >= 0 && field.substring(0, colon).indexOf('=') < 0) {
            value = field.substring(colon + 1);
        }
        for (String tagSpec : value.split(";")) {
            int equals = tagSpec.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = tagSpec.substring(0, equals).strip();
            String tagValue = tagSpec.substring(equals + 1).replaceAll("\\s+", "");
            tags.putIfAbsent(name, tagValue);
        }
        return tags;
    }
}
