package io.jcontainerd.image.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a tar stream byte for byte as Go's {@code archive/tar} writes the headers containerd's
 * exporter gives it (name, mode, size and type only): USTAR headers with zero owner, time and
 * device numbers, a name longer than 100 bytes split into the prefix field, entries padded to
 * 512 bytes, two zero blocks at the end and no padding to a record size.
 */
final class TarWriter {
    static final byte TYPE_REGULAR = '0';
    static final byte TYPE_DIRECTORY = '5';

    private static final int BLOCK = 512;
    private static final int NAME_SIZE = 100;
    private static final int PREFIX_SIZE = 155;
    private static final long MAX_OCTAL_SIZE = 077777777777L;

    private final OutputStream out;
    private final OutputStream entry = new EntryStream();
    /** Bytes the current entry still expects, and its whole size for padding. */
    private long remaining;
    private long entrySize;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Finishes the previous entry and starts one; its content goes to {@link #entry()}.
     *
     * @throws IOException when the previous entry is short, or the name or size does not fit a USTAR header
     */
    void writeHeader(String name, int mode, long size, byte type) throws IOException {
        finishEntry();
        byte[] header = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        String suffix = name;
        if (nameBytes.length > NAME_SIZE) {
            int split = ustarSplit(name);
            if (split < 0) {
                throw new IOException("archive/tar: cannot encode header: name " + name + " does not fit a USTAR header");
            }
            prefix = name.substring(0, split);
            suffix = name.substring(split + 1);
        }
        if (size > MAX_OCTAL_SIZE) {
            throw new IOException("archive/tar: cannot encode header: size of " + name + " does not fit a USTAR header");
        }
        string(header, 0, NAME_SIZE, suffix);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0); // uid
        octal(header, 116, 8, 0); // gid
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0); // mtime: Go writes a zero time as 0
        header[156] = type;
        string(header, 257, 6, "ustar");
        string(header, 263, 2, "00");
        octal(header, 329, 8, 0); // devmajor
        octal(header, 337, 8, 0); // devminor
        string(header, 345, PREFIX_SIZE, prefix);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
        out.write(header);
        remaining = size;
        entrySize = size;
    }

    /** {@return where the current entry's content goes; writing past its size fails as Go's "write too long"} */
    OutputStream entry() {
        return entry;
    }

    /** Pads the last entry and writes the two zero blocks that end an archive. */
    void finish() throws IOException {
        finishEntry();
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void finishEntry() throws IOException {
        if (remaining > 0) {
            throw new IOException("archive/tar: missed writing " + remaining + " bytes");
        }
        int pad = (int) ((BLOCK - entrySize % BLOCK) % BLOCK);
        out.write(new byte[pad]);
        entrySize = 0;
    }

    /** Go's {@code splitUSTARPath}: the index of the slash that splits name into prefix and name, or -1. */
    private static int ustarSplit(String name) {
        if (!name.chars().allMatch(c -> c < 0x80)) {
            return -1;
        }
        int length = name.length();
        if (length > PREFIX_SIZE + 1) {
            length = PREFIX_SIZE + 1;
        } else if (name.charAt(length - 1) == '/') {
            length--;
        }
        int i = name.lastIndexOf('/', length - 1);
        int suffixLength = name.length() - i - 1;
        if (i <= 0 || suffixLength > NAME_SIZE || suffixLength == 0 || i > PREFIX_SIZE) {
            return -1;
        }
        return i;
    }

    private static void string(byte[] header, int offset, int size, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, header, offset, Math.min(b.length, size));
    }

    /** Go's {@code formatOctal}: zero-padded to the field less one, then NUL. */
    private static void octal(byte[] header, int offset, int size, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, size - 1 - digits.length())) + digits;
        string(header, offset, size, padded);
    }

    private final class EntryStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > remaining) {
                int fits = (int) remaining;
                out.write(b, off, fits);
                remaining = 0;
                throw new IOException("archive/tar: write too long");
            }
            out.write(b, off, len);
            remaining -= len;
        }
    }
}
