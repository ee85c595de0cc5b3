package io.github.jamestlsrpt.core.read;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * I-JSON (RFC 7493 section 2.3): member names MUST be unique. Checks every object of a value as it is read, in place
 * of Jackson's STRICT_DUPLICATE_DETECTION, which builds a hash set for each object of more than two members
 * (100,000 of them in a large report). Here the names of an object are compared with those seen before in it, and
 * only an object of many members gets a set. {@link JsonReportParser} checks the objects it reads member by member
 * itself, with {@link ObjectNames}, and reads the values it keeps verbatim or skips through this parser
 * ({@link #from}).
 *
 * <p>Fails as Jackson's check did, so that the reader reports it the same way: a {@link JsonParseException}
 * "Duplicate Object property" on the repeated name, before its value is looked at, with the parsing context on
 * that name (its pointer).
 */
final class UniqueNamesParser extends JsonParserDelegate {

    /** Objects up to this many members are checked by comparing names; larger ones get a set. */
    private static final int COMPARED_NAMES = 16;

    /** The names of each open object (or array, unused), by nesting depth. */
    private ObjectNames[] open = new ObjectNames[8];

    private int depth;
    private boolean lastWasName;

    private UniqueNamesParser(JsonParser parser) {
        super(parser);
        if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
            enter();
        }
    }

    /** The parser, checked from its current token (when it opens an object, from that object's first name) on. */
    static UniqueNamesParser from(JsonParser parser) {
        return new UniqueNamesParser(parser);
    }

    /** The failure Jackson's own check gave, on the repeated name (the parser on it). */
    static JsonParseException duplicate(JsonParser parser, String name) {
        return new JsonParseException(parser, "Duplicate Object property \"" + name + "\"");
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token;
        try {
            token = delegate.nextToken();
        } catch (JsonProcessingException failure) {
            throw duplicateReadWithFailingValue(failure);
        }
        lastWasName = token == JsonToken.FIELD_NAME;
        if (token == null) {
            return null;
        }
        switch (token) {
            case FIELD_NAME -> {
                if (!open[depth].add(delegate.currentName())) {
                    throw duplicate(delegate.currentName());
                }
            }
            case START_OBJECT, START_ARRAY -> enter();
            case END_OBJECT, END_ARRAY -> depth--;
            default -> {
                // a scalar value: nothing to track
            }
        }
        return token;
    }

    /**
     * Jackson reads the first token of a member's value together with its name (a literal or a number whole), so
     * a bad value can fail the read of a repeated name. Jackson's own check came first; so does this one.
     */
    private JsonProcessingException duplicateReadWithFailingValue(JsonProcessingException failure) throws IOException {
        boolean nameJustRead = !lastWasName && delegate.currentToken() == JsonToken.FIELD_NAME;
        if (nameJustRead && open[depth].contains(delegate.currentName())) {
            return duplicate(delegate.currentName());
        }
        return failure;
    }

    private JsonParseException duplicate(String name) {
        return duplicate(delegate, name);
    }

    private void enter() {
        depth++;
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        if (open[depth] == null) {
            open[depth] = new ObjectNames();
        }
        open[depth].clear();
    }

    /** As {@link JsonParser#nextValue}, through this parser's check (the delegate would bypass it). */
    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    /** As {@link JsonParser#skipChildren}, through this parser's check: skipped objects are checked too. */
    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken current = currentToken();
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return this;
        }
        int levels = 1;
        while (levels > 0) {
            JsonToken token = nextToken();
            if (token == null) {
                return this;
            }
            if (token.isStructStart()) {
                levels++;
            } else if (token.isStructEnd()) {
                levels--;
            }
        }
        return this;
    }

    /** The member names of one object seen so far, with their hashes (names are compared only on equal hashes). */
    static final class ObjectNames {
        private String[] names = new String[8];
        private int[] hashes = new int[8];
        private int count;
        private Set<String> many;

        void clear() {
            count = 0;
            many = null;
        }

        /** Adds a name; false when the object already has it. */
        boolean add(String name) {
            if (many != null) {
                return many.add(name);
            }
            if (contains(name)) {
                return false;
            }
            if (count == names.length && count < COMPARED_NAMES) {
                names = Arrays.copyOf(names, COMPARED_NAMES);
                hashes = Arrays.copyOf(hashes, COMPARED_NAMES);
            }
            if (count < COMPARED_NAMES) {
                hashes[count] = name.hashCode();
                names[count++] = name;
            } else {
                many = new HashSet<>(Arrays.asList(names));
                many.add(name);
            }
            return true;
        }

        boolean contains(String name) {
            if (many != null) {
                return many.contains(name);
            }
            int hash = name.hashCode();
            for (int i = 0; i < count; i++) {
                if (hashes[i] == hash && names[i].equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }
}
