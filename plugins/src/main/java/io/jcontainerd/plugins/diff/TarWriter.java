package io.jcontainerd.plugins.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a PAX tar the way Go's {@code archive/tar} does for layers: a USTAR header per entry,
 * preceded by a PAX header when a name or number does not fit its field or the entry has xattrs.
 * PAX values are bytes (binary {@code security.capability} survives), which is why this is not
 * commons-compress. Ends with two zero blocks.
 */
final class TarWriter {
    private static final int BLOCK = TarReader.BLOCK;
    private static final long MAX_OCTAL_7 = 07777777L;
    private static final long MAX_OCTAL_11 = 077777777777L;

    private final OutputStream out;
    private long remaining;
    private long padding;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code entry}'s header; {@link TarEntry#size()} bytes of data for a regular file must follow. */
    void writeHeader(TarEntry entry) throws IOException {
        finishEntry();
        ByteArrayOutputStream pax = new ByteArrayOutputStream();
        byte[] name = entry.name();
        byte[] linkName = entry.linkName();
        if (name.length > 100) {
            record(pax, "path", name);
        }
        if (linkName.length > 100) {
            record(pax, "linkpath", linkName);
        }
        if (entry.uid() > MAX_OCTAL_7) {
            record(pax, "uid", ascii(Long.toString(entry.uid())));
        }
        if (entry.gid() > MAX_OCTAL_7) {
            record(pax, "gid", ascii(Long.toString(entry.gid())));
        }
        if (entry.size() > MAX_OCTAL_11) {
            record(pax, "size", ascii(Long.toString(entry.size())));
        }
        for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
            record(pax, "SCHILY.xattr." + xattr.getKey(), xattr.getValue());
        }
        if (pax.size() > 0) {
            byte[] records = pax.toByteArray();
            out.write(header(ascii("PaxHeaders.0/" + last(name, 80)), 'x', records.length, 0644, 0, 0,
                    entry.mtime().getEpochSecond(), new byte[0], 0, 0));
            out.write(records);
            out.write(new byte[pad(records.length)]);
        }
        char type = switch (entry.type()) {
            case REGULAR -> '0';
            case HARDLINK -> '1';
            case SYMLINK -> '2';
            case CHAR_DEVICE -> '3';
            case BLOCK_DEVICE -> '4';
            case DIRECTORY -> '5';
            case FIFO -> '6';
        };
        long size = entry.type() == EntryType.REGULAR ? entry.size() : 0;
        out.write(header(name.length > 100 ? last(name, 100) : name, type, size, entry.mode(),
                entry.uid(), entry.gid(), entry.mtime().getEpochSecond(),
                linkName.length > 100 ? last(linkName, 100) : linkName, entry.devMajor(), entry.devMinor()));
        remaining = size;
        padding = pad(size);
    }

    /** Writes data of the current entry. */
    void write(byte[] b, int off, int len) throws IOException {
        if (len > remaining) {
            throw new IOException("write past the end of the tar entry");
        }
        out.write(b, off, len);
        remaining -= len;
    }

    /** Ends the archive (the output stream stays open). */
    void finish() throws IOException {
        finishEntry();
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void finishEntry() throws IOException {
        if (remaining != 0) {
            throw new IOException("tar entry is " + remaining + " bytes short");
        }
        out.write(new byte[(int) padding]);
        padding = 0;
    }

    private static byte[] header(byte[] name, char type, long size, long mode, long uid, long gid, long mtime,
                                 byte[] linkName, long devMajor, long devMinor) {
        byte[] h = new byte[BLOCK];
        System.arraycopy(name, 0, h, 0, name.length);
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, uid > MAX_OCTAL_7 ? 0 : uid);
        octal(h, 116, 8, gid > MAX_OCTAL_7 ? 0 : gid);
        octal(h, 124, 12, size > MAX_OCTAL_11 ? 0 : size);
        numeric(h, 136, 12, mtime);
        h[156] = (byte) type;
        System.arraycopy(linkName, 0, h, 157, linkName.length);
        System.arraycopy(ascii("ustar\0" + "00"), 0, h, 257, 8);
        numeric(h, 329, 8, devMajor);
        numeric(h, 337, 8, devMinor);
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    /** Octal when it fits the field, else base-256 (which Go's reader, and ours, accept). */
    private static void numeric(byte[] h, int offset, int length, long value) {
        if (value >= 0 && value < 1L << (3 * (length - 1))) {
            octal(h, offset, length, value);
            return;
        }
        for (int i = length - 1; i > 0; i--) {
            h[offset + i] = (byte) value;
            value >>= 8;
        }
        h[offset] = (byte) (value < 0 ? 0xff : 0x80);
    }

    /** {@code length - 1} zero-padded octal digits and a NUL. */
    private static void octal(byte[] h, int offset, int length, long value) {
        byte[] digits = ascii(String.format("%0" + (length - 1) + "o", value));
        System.arraycopy(digits, 0, h, offset, length - 1);
        h[offset + length - 1] = 0;
    }

    private static void record(ByteArrayOutputStream pax, String key, byte[] value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int body = k.length + value.length + 3; // ' ', '=', '\n'
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() > Integer.toString(body).length()) {
            length++;
        }
        pax.writeBytes(ascii(length + " "));
        pax.writeBytes(k);
        pax.write('=');
        pax.writeBytes(value);
        pax.write('\n');
    }

    private static byte[] last(byte[] b, int n) {
        return b.length <= n ? b : Arrays.copyOfRange(b, b.length - n, b.length);
    }

    private static int pad(long size) {
        return (int) ((BLOCK - size % BLOCK) % BLOCK);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
