package io.github.jamestlsrpt.core.read;

/**
 * One string for each distinct short text, found from the parser's characters without building a string first: a
 * report names a handful of MX hosts and result types thousands of times. Open addressing, grown at half full;
 * hashes as {@link String#hashCode}.
 */
final class TextPool {

    /** Longer texts are not pooled. */
    static final int MAX_LENGTH = 64;

    private String[] texts = new String[64];
    private int[] hashes = new int[64];
    private int size;

    /** The pooled string with these characters, added when new. */
    String intern(char[] chars, int offset, int length) {
        String known = find(chars, offset, length);
        return known != null ? known : add(new String(chars, offset, length));
    }

    /** The pooled string with these characters, or null. */
    String find(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        int mask = texts.length - 1;
        for (int slot = mix(hash) & mask; texts[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && sameChars(texts[slot], chars, offset, length)) {
                return texts[slot];
            }
        }
        return null;
    }

    /** Adds a string that is not in the pool yet. */
    String add(String text) {
        put(text, text.hashCode());
        if (++size * 2 > texts.length) {
            String[] oldTexts = texts;
            int[] oldHashes = hashes;
            texts = new String[oldTexts.length * 2];
            hashes = new int[oldTexts.length * 2];
            for (int i = 0; i < oldTexts.length; i++) {
                if (oldTexts[i] != null) {
                    put(oldTexts[i], oldHashes[i]);
                }
            }
        }
        return text;
    }

    private void put(String text, int hash) {
        int mask = texts.length - 1;
        int slot = mix(hash) & mask;
        while (texts[slot] != null) {
            slot = (slot + 1) & mask;
        }
        texts[slot] = text;
        hashes[slot] = hash;
    }

    private static boolean sameChars(String text, char[] chars, int offset, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }
}
