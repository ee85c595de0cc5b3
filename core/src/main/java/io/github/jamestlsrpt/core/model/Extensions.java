package io.github.jamestlsrpt.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Members a sender sent that RFC 8460 does not define at that level, kept verbatim and in order. */
final class Extensions {

    private Extensions() {}

    static Map<String, JsonNode> copyOf(Map<String, JsonNode> members) {
        if (members == null || members.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }
}
