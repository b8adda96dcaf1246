package io.jcontainerd.plugins.diff;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tar bytes written by hand, for what no well-behaved writer produces: binary PAX values,
 * base-256 numbers, bad checksums, odd type flags, truncation.
 */
final class RawTar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static RawTar tar() {
        return new RawTar();
    }

    /** A USTAR header; numbers given as octal text fit their fields. */
    RawTar header(String name, char type, long size, int mode, long uid, long gid, String linkName) {
        byte[] h = new byte[512];
        put(h, 0, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, Layer.MTIME.getEpochSecond());
        h[156] = (byte) type;
        put(h, 157, linkName.getBytes(StandardCharsets.UTF_8));
        put(h, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, "00".getBytes(StandardCharsets.US_ASCII));
        return block(h);
    }

    /** A header block with a base-256 number (Go's format for what octal cannot hold) at a field. */
    RawTar headerWithBinary(String name, char type, int offset, int length, long value) {
        header(name, type, 0, 0644, 0, 0, "");
        byte[] h = lastBlock();
        for (int i = length - 1; i >= 0; i--) {
            h[offset + i] = (byte) value;
            value >>= 8;
        }
        h[offset] |= (byte) 0x80;
        return rewrite(h);
    }

    /** A PAX extended header ('x') holding {@code records} (key, value bytes). */
    RawTar pax(Object... keysAndValues) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            byte[] key = ((String) keysAndValues[i]).getBytes(StandardCharsets.UTF_8);
            byte[] value = keysAndValues[i + 1] instanceof byte[] b ? b
                    : ((String) keysAndValues[i + 1]).getBytes(StandardCharsets.UTF_8);
            int body = key.length + value.length + 3; // ' ', '=', '\n'
            int length = body + Integer.toString(body).length();
            if (Integer.toString(length).length() != Integer.toString(body).length()) {
                length++;
            }
            data.writeBytes((length + " ").getBytes(StandardCharsets.US_ASCII));
            data.writeBytes(key);
            data.write('=');
            data.writeBytes(value);
            data.write('\n');
        }
        byte[] bytes = data.toByteArray();
        header("PaxHeaders/x", 'x', bytes.length, 0644, 0, 0, "");
        return data(bytes);
    }

    /** Entry data, padded to a block. */
    RawTar data(byte[] bytes) {
        out.writeBytes(bytes);
        out.writeBytes(new byte[(512 - bytes.length % 512) % 512]);
        return this;
    }

    /** Raw bytes with no padding (truncation, junk). */
    RawTar raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Sets the USTAR prefix field (the directory part of a long name) of the last header. */
    RawTar prefix(String prefix) {
        byte[] h = lastBlock();
        put(h, 345, prefix.getBytes(StandardCharsets.UTF_8));
        return rewrite(h);
    }

    /** Sets one byte of the last header (magic, type...), keeping the checksum right. */
    RawTar set(int offset, byte value) {
        byte[] h = lastBlock();
        h[offset] = value;
        return rewrite(h);
    }

    /** Breaks the checksum of the last header. */
    RawTar corruptChecksum() {
        byte[] h = lastBlock();
        h[148] = '7';
        h[149] = '7';
        byte[] all = out.toByteArray();
        out.reset();
        out.writeBytes(Arrays.copyOf(all, all.length - 512));
        out.writeBytes(h);
        return this;
    }

    RawTar end() {
        out.writeBytes(new byte[1024]);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes());
    }

    private byte[] lastBlock() {
        byte[] all = out.toByteArray();
        return Arrays.copyOfRange(all, all.length - 512, all.length);
    }

    private RawTar rewrite(byte[] h) {
        byte[] all = out.toByteArray();
        out.reset();
        out.writeBytes(Arrays.copyOf(all, all.length - 512));
        return block(h);
    }

    private RawTar block(byte[] h) {
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, h, 148, 8);
        out.writeBytes(h);
        return this;
    }

    private static void put(byte[] h, int offset, byte[] value) {
        System.arraycopy(value, 0, h, offset, value.length);
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        String s = String.format("%0" + (length - 1) + "o", value);
        put(h, offset, s.getBytes(StandardCharsets.US_ASCII));
    }
}
