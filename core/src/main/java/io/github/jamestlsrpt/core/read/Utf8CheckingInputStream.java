package io.github.jamestlsrpt.core.read;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that the bytes passing through are well-formed UTF-8 (RFC 3629 section 4), which I-JSON requires
 * (RFC 7493 section 2.1). Jackson decodes some ill-formed sequences instead of rejecting them: overlong forms such
 * as {@code C0 AF} (read as "/"), surrogates, code points above U+10FFFF. The bytes before the first ill-formed
 * sequence pass through; the read after them fails with {@link IllFormedUtf8Exception}, so that the parser has read
 * everything before it and knows where it is.
 */
final class Utf8CheckingInputStream extends FilterInputStream {

    /** The first ill-formed sequence, at a byte offset of the checked stream. */
    static final class IllFormedUtf8Exception extends IOException {
        IllFormedUtf8Exception(long offset) {
            super("the byte at offset " + offset + " is not well-formed UTF-8");
        }
    }

    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Continuation bytes still expected in the current sequence. */
    private int continuations;
    /** The range of the next continuation byte (narrower than 80..BF right after some lead bytes). */
    private int lowest = 0x80;

    private int highest = 0xbf;

    private long passed;
    private IllFormedUtf8Exception failure;

    Utf8CheckingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (failure != null) {
            throw failure;
        }
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            if (continuations > 0) {
                // the data ends inside a sequence
                throw failure = new IllFormedUtf8Exception(passed);
            }
            return n;
        }
        int wellFormed = check(buffer, offset, n);
        passed += wellFormed;
        if (wellFormed < n) {
            failure = new IllFormedUtf8Exception(passed);
            if (wellFormed == 0) {
                throw failure;
            }
        }
        return wellFormed;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes would not be checked; the parser never skips
        throw new IOException("skip is not supported");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * How many of the bytes are well-formed so far: all of them, or those before the ill-formed sequence (before its
     * lead byte when that came in the same read).
     */
    private int check(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int at = offset;
        int sequenceStart = offset;
        while (at < end) {
            if (continuations == 0) {
                // ASCII, the bulk of a report: eight bytes at a time
                while (at + 8 <= end && ((long) EIGHT_BYTES.get(bytes, at) & HIGH_BITS) == 0) {
                    at += 8;
                }
                if (at == end) {
                    break;
                }
                int lead = bytes[at] & 0xff;
                if (lead < 0x80) {
                    at++;
                    continue;
                }
                if (!startSequence(lead)) {
                    return at - offset;
                }
                sequenceStart = at;
            } else {
                int next = bytes[at] & 0xff;
                if (next < lowest || next > highest) {
                    return sequenceStart - offset;
                }
                continuations--;
                lowest = 0x80;
                highest = 0xbf;
            }
            at++;
        }
        return length;
    }

    /** RFC 3629 section 4: the lead byte decides how many continuation bytes follow and the range of the first. */
    private boolean startSequence(int lead) {
        if (lead >= 0xc2 && lead <= 0xdf) {
            continuations = 1;
        } else if (lead == 0xe0) {
            continuations = 2;
            lowest = 0xa0; // no overlong three-byte forms
        } else if (lead == 0xed) {
            continuations = 2;
            highest = 0x9f; // no surrogates
        } else if (lead >= 0xe1 && lead <= 0xef) {
            continuations = 2;
        } else if (lead == 0xf0) {
            continuations = 3;
            lowest = 0x90; // no overlong four-byte forms
        } else if (lead >= 0xf1 && lead <= 0xf3) {
            continuations = 3;
        } else if (lead == 0xf4) {
            continuations = 3;
            highest = 0x8f; // nothing above U+10FFFF
        } else {
            return false; // 80..C1 (a continuation or an overlong two-byte lead) or F5..FF
        }
        return true;
    }
}
