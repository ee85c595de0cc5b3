package io.github.jamestlsrpt.core.read;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compression bombs built in memory in well under a second: a prefix, then gigabytes of one byte, deflated at the
 * best ratio (about 1:1000). Deflating a gigabyte takes half a minute, so only the first megabytes are deflated; from
 * the moment two consecutive megabytes deflate to the same bytes (each ends on a sync flush, so each starts on a byte
 * boundary with the same window), those bytes are repeated. The CRC-32 and the sizes are computed over the real data,
 * so that the gzip and zip are valid to their last byte.
 */
final class Bombs {

    static final long MIB = 1024L * 1024L;
    static final long GIB = 1024L * MIB;

    private Bombs() {}

    /** Raw deflate data, with the CRC-32 and length of what it inflates to. */
    record Deflated(byte[] data, long crc, long length) {}

    /** The prefix then {@code fillerBytes} times the filler, deflated (RFC 1951) at level 9. */
    static Deflated deflate(String prefix, byte filler, long fillerBytes) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[(int) MIB];
        Arrays.fill(chunk, filler);
        CRC32 crc = new CRC32();
        crc.update(head);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(deflate(deflater, head, head.length));
        byte[] previous = null;
        long written = 0;
        while (written < fillerBytes) {
            int length = (int) Math.min(chunk.length, fillerBytes - written);
            byte[] deflated = deflate(deflater, chunk, length);
            out.writeBytes(deflated);
            crc.update(chunk, 0, length);
            written += length;
            if (length == chunk.length && previous != null && Arrays.equals(previous, deflated)) {
                // the deflater has reached its steady state: every further whole chunk gives these bytes
                long wholeChunks = (fillerBytes - written) / chunk.length;
                for (long i = 0; i < wholeChunks; i++) {
                    out.writeBytes(deflated);
                    crc.update(chunk, 0, chunk.length);
                }
                written += wholeChunks * chunk.length;
            }
            previous = deflated;
        }
        deflater.finish();
        byte[] buffer = new byte[64];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return new Deflated(out.toByteArray(), crc.getValue(), head.length + fillerBytes);
    }

    private static byte[] deflate(Deflater deflater, byte[] input, int length) {
        deflater.setInput(input, 0, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        return out.toByteArray();
    }

    /** A gzip member (RFC 1952) of the prefix and the filler. */
    static byte[] gzip(String prefix, byte filler, long fillerBytes) {
        return gzip(deflate(prefix, filler, fillerBytes));
    }

    static byte[] gzip(Deflated deflated) {
        ByteBuffer gzip = ByteBuffer.allocate(10 + deflated.data().length + 8).order(ByteOrder.LITTLE_ENDIAN);
        gzip.put(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 255});
        gzip.put(deflated.data());
        gzip.putInt((int) deflated.crc());
        gzip.putInt((int) deflated.length()); // ISIZE: the length modulo 2^32
        return gzip.array();
    }

    /** A zip archive of one deflated entry (APPNOTE 4.3), sizes in its local header, no data descriptor. */
    static byte[] zip(String entryName, Deflated deflated) {
        if (deflated.length() >= 0xffffffffL || deflated.data().length >= 0xffffffffL) {
            throw new IllegalArgumentException("zip64 is not written here");
        }
        byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
        int local = 30 + name.length;
        int central = 46 + name.length;
        ByteBuffer zip = ByteBuffer.allocate(local + deflated.data().length + central + 22)
                .order(ByteOrder.LITTLE_ENDIAN);
        zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) 8);
        zip.putShort((short) 0).putShort((short) 0x21); // 1980-01-01 00:00
        zip.putInt((int) deflated.crc()).putInt(deflated.data().length).putInt((int) deflated.length());
        zip.putShort((short) name.length).putShort((short) 0).put(name);
        zip.put(deflated.data());
        int centralStart = zip.position();
        zip.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x0800);
        zip.putShort((short) 8).putShort((short) 0).putShort((short) 0x21);
        zip.putInt((int) deflated.crc()).putInt(deflated.data().length).putInt((int) deflated.length());
        zip.putShort((short) name.length).putShort((short) 0).putShort((short) 0);
        zip.putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put(name);
        int centralLength = zip.position() - centralStart;
        zip.putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) 1)
                .putShort((short) 1);
        zip.putInt(centralLength).putInt(centralStart).putShort((short) 0);
        return zip.array();
    }
}
