package io.jcontainerd.plugins.diff;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a tar stream entry by entry the way Go's {@code archive/tar} does, which is what the
 * layers we get were written with and what containerd reads them with: USTAR, PAX and GNU headers,
 * GNU long names, base-256 numbers, checksums accepted signed or unsigned, PAX global headers
 * skipped, end at two zero blocks or at a clean end of stream.
 *
 * <p>Why not commons-compress: it decodes PAX values as UTF-8, which destroys binary xattrs
 * ({@code SCHILY.xattr.security.capability}), and it reads extension headers of any size into
 * memory. Here every extension header (PAX records, GNU long names) is capped at 1 MiB, as in Go.
 * Sparse files (old GNU type {@code S} or PAX {@code GNU.sparse.*}) are refused: layer writers do
 * not produce them.
 *
 * <p>Malformed input is an {@link ErrdefsException} of kind INVALID_ARGUMENT; a failure of the
 * underlying stream stays an {@link IOException}.
 */
final class TarReader {
    static final int BLOCK = 512;
    /** Go's maxSpecialFileSize: the most a PAX header or GNU long name may hold. */
    static final int MAX_EXTENSION_BYTES = 1 << 20;
    private static final String XATTR_PREFIX = "SCHILY.xattr.";

    private final InputStream in;
    private final byte[] block = new byte[BLOCK];
    /** Data bytes of the current entry not yet read, and the padding after them. */
    private long remaining;
    private long padding;
    private boolean ended;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** {@return the next entry, or null at the end of the archive} */
    TarEntry next() throws IOException {
        if (ended) {
            return null;
        }
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
        Map<String, byte[]> pax = Map.of();
        byte[] gnuLongName = null;
        byte[] gnuLongLink = null;
        while (true) {
            if (!readHeaderBlock()) {
                ended = true;
                return null;
            }
            char flag = (char) (block[156] & 0xff);
            long size = number(124, 12, "size");
            switch (flag) {
                case 'x' -> pax = parsePax(readExtension(size, "PAX header"));
                case 'g' -> readExtension(size, "PAX global header"); // containerd ignores global headers
                case 'L' -> gnuLongName = cString(readExtension(size, "GNU long name"));
                case 'K' -> gnuLongLink = cString(readExtension(size, "GNU long link name"));
                default -> {
                    return entry(flag, size, pax, gnuLongName, gnuLongLink);
                }
            }
        }
    }

    /** Reads data of the current entry; -1 at its end. A stream that ends early is an invalid archive. */
    int read(byte[] buf, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(buf, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw invalid("unexpected EOF in entry data");
        }
        remaining -= n;
        return n;
    }

    /** Reads the stream to its end, so that whoever digests it sees every byte (as upstream does). */
    long drain() throws IOException {
        return in.transferTo(OutputStream.nullOutputStream());
    }

    private TarEntry entry(char flag, long size, Map<String, byte[]> pax, byte[] gnuLongName, byte[] gnuLongLink)
            throws IOException {
        Format format = format();
        byte[] name = gnuLongName != null ? gnuLongName : headerName(format);
        byte[] linkName = gnuLongLink != null ? gnuLongLink : cString(Arrays.copyOfRange(block, 157, 257));
        long mode = number(100, 8, "mode");
        long uid = number(108, 8, "uid");
        long gid = number(116, 8, "gid");
        Instant mtime = Instant.ofEpochSecond(number(136, 12, "mtime"));
        Instant atime = null;
        if (format == Format.GNU && block[345] != 0) {
            atime = Instant.ofEpochSecond(number(345, 12, "atime"));
        }
        long devMajor = 0;
        long devMinor = 0;
        if (flag == '3' || flag == '4') {
            devMajor = number(329, 8, "devmajor");
            devMinor = number(337, 8, "devminor");
        }
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> record : pax.entrySet()) {
            String key = record.getKey();
            byte[] value = record.getValue();
            switch (key) {
                case "path" -> name = value;
                case "linkpath" -> linkName = value;
                case "size" -> size = paxInteger(key, value);
                case "uid" -> uid = paxInteger(key, value);
                case "gid" -> gid = paxInteger(key, value);
                case "mtime" -> mtime = paxTime(key, value);
                case "atime" -> atime = paxTime(key, value);
                default -> {
                    if (key.startsWith(XATTR_PREFIX)) {
                        xattrs.put(key.substring(XATTR_PREFIX.length()), value);
                    } else if (key.startsWith("GNU.sparse.")) {
                        throw invalid("sparse files are not supported");
                    }
                }
            }
        }
        EntryType type = switch (flag) {
            case '0', '\0' -> endsWithSlash(name) ? EntryType.DIRECTORY : EntryType.REGULAR;
            case '1' -> EntryType.HARDLINK;
            case '2' -> EntryType.SYMLINK;
            case '3' -> EntryType.CHAR_DEVICE;
            case '4' -> EntryType.BLOCK_DEVICE;
            case '5' -> EntryType.DIRECTORY;
            case '6' -> EntryType.FIFO;
            default -> throw invalid("unhandled tar header type " + (int) flag
                    + (flag > ' ' && flag < 127 ? " ('" + flag + "')" : "") + " for "
                    + Errdefs.quote(new String(name, StandardCharsets.UTF_8)));
        };
        if (size < 0) {
            throw invalid("negative size " + size);
        }
        remaining = type.headerOnly() ? 0 : size;
        padding = (BLOCK - remaining % BLOCK) % BLOCK;
        return new TarEntry(name, linkName, type, mode, uid, gid, size, mtime, atime, devMajor, devMinor,
                Collections.unmodifiableMap(xattrs));
    }

    private enum Format { V7, USTAR, STAR, GNU }

    /** Go's getFormat: checksum (signed or unsigned sum), then the magic says which fields exist. */
    private Format format() {
        long stored = number(148, 8, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : block[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw invalid("header checksum mismatch");
        }
        if (matches(257, "ustar\0") && matches(263, "00")) {
            return matches(508, "tar\0") ? Format.STAR : Format.USTAR;
        }
        if (matches(257, "ustar ") && matches(263, " \0")) {
            return Format.GNU;
        }
        return Format.V7;
    }

    private byte[] headerName(Format format) {
        byte[] name = cString(Arrays.copyOfRange(block, 0, 100));
        byte[] prefix = switch (format) {
            case USTAR -> cString(Arrays.copyOfRange(block, 345, 500));
            case STAR -> cString(Arrays.copyOfRange(block, 345, 476));
            case V7, GNU -> new byte[0];
        };
        if (prefix.length == 0) {
            return name;
        }
        byte[] joined = Arrays.copyOf(prefix, prefix.length + 1 + name.length);
        joined[prefix.length] = '/';
        System.arraycopy(name, 0, joined, prefix.length + 1, name.length);
        return joined;
    }

    private boolean matches(int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (block[offset + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reads one header block: false at the end of the archive (two zero blocks, or end of stream). */
    private boolean readHeaderBlock() throws IOException {
        if (!readBlockOrEnd()) {
            return false;
        }
        if (!isZero(block)) {
            return true;
        }
        if (!readBlockOrEnd()) {
            return false;
        }
        if (isZero(block)) {
            return false;
        }
        throw invalid("non-zero block after a zero block");
    }

    /** A full block, or false at a clean end of stream; a partial block is an invalid archive. */
    private boolean readBlockOrEnd() throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw invalid("unexpected EOF in a header");
        }
        return true;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private byte[] readExtension(long size, String what) throws IOException {
        if (size < 0 || size > MAX_EXTENSION_BYTES) {
            throw invalid(what + " of " + size + " bytes exceeds the limit of " + MAX_EXTENSION_BYTES);
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw invalid("unexpected EOF in " + what);
        }
        skipFully((BLOCK - size % BLOCK) % BLOCK);
        return data;
    }

    private void skipFully(long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw invalid("unexpected EOF in entry data");
        }
    }

    /** PAX records {@code "<len> <key>=<value>\n"}; values stay bytes. Later records win. */
    private static Map<String, byte[]> parsePax(byte[] data) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        int at = 0;
        while (at < data.length) {
            int space = indexOf(data, (byte) ' ', at);
            if (space < 0) {
                throw invalid("malformed PAX record");
            }
            long length;
            try {
                length = Long.parseLong(new String(data, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw invalid("malformed PAX record length");
            }
            long end = at + length;
            if (length < 5 || end > data.length || space + 1 >= end || data[(int) end - 1] != '\n') {
                throw invalid("malformed PAX record");
            }
            int equals = indexOf(data, (byte) '=', space + 1);
            if (equals < 0 || equals >= end - 1 || equals == space + 1) {
                throw invalid("malformed PAX record");
            }
            String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            byte[] value = Arrays.copyOfRange(data, equals + 1, (int) end - 1);
            if (key.indexOf('\0') >= 0 || (isPathKey(key) && indexOf(value, (byte) 0, 0) >= 0)) {
                throw invalid("NUL in PAX record " + key);
            }
            records.put(key, value);
            at = (int) end;
        }
        return records;
    }

    private static boolean isPathKey(String key) {
        return key.equals("path") || key.equals("linkpath") || key.equals("uname") || key.equals("gname");
    }

    private static long paxInteger(String key, byte[] value) {
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw invalid("PAX " + key + " is not a number");
        }
    }

    /** PAX times are decimal seconds with an optional fraction, possibly negative. */
    private static Instant paxTime(String key, byte[] value) {
        String s = new String(value, StandardCharsets.US_ASCII);
        if (!s.matches("-?[0-9]+(\\.[0-9]*)?")) {
            throw invalid("PAX " + key + " is not a time");
        }
        boolean negative = s.startsWith("-");
        int dot = s.indexOf('.');
        String whole = s.substring(negative ? 1 : 0, dot < 0 ? s.length() : dot);
        String fraction = dot < 0 ? "" : s.substring(dot + 1);
        fraction = (fraction + "000000000").substring(0, 9);
        try {
            long seconds = Long.parseLong(whole);
            long nanos = Long.parseLong(fraction);
            return negative ? Instant.ofEpochSecond(-seconds, -nanos) : Instant.ofEpochSecond(seconds, nanos);
        } catch (NumberFormatException | DateTimeException e) {
            throw invalid("PAX " + key + " out of range");
        }
    }

    /** Go's parseNumeric: base-256 when the high bit is set, else octal padded with spaces or NULs. */
    private long number(int offset, int length, String field) {
        if ((block[offset] & 0x80) != 0) {
            int inv = (block[offset] & 0x40) != 0 ? 0xff : 0;
            long x = 0;
            for (int i = 0; i < length; i++) {
                int c = (block[offset + i] ^ inv) & 0xff;
                if (i == 0) {
                    c &= 0x7f;
                }
                if ((x >>> 56) != 0) {
                    throw invalid(field + " overflows");
                }
                x = x << 8 | c;
            }
            if ((x >>> 63) != 0) {
                throw invalid(field + " overflows");
            }
            return inv == 0xff ? ~x : x;
        }
        int start = offset;
        int end = offset + length;
        while (start < end && (block[start] == ' ' || block[start] == 0)) {
            start++;
        }
        while (end > start && (block[end - 1] == ' ' || block[end - 1] == 0)) {
            end--;
        }
        long x = 0;
        for (int i = start; i < end; i++) {
            int digit = block[i] - '0';
            if (digit < 0 || digit > 7 || (x >>> 61) != 0) {
                throw invalid("malformed " + field + " field");
            }
            x = x << 3 | digit;
        }
        return x;
    }

    private static byte[] cString(byte[] field) {
        int nul = indexOf(field, (byte) 0, 0);
        return nul < 0 ? field : Arrays.copyOf(field, nul);
    }

    private static boolean endsWithSlash(byte[] name) {
        return name.length > 0 && name[name.length - 1] == '/';
    }

    private static int indexOf(byte[] b, byte value, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static ErrdefsException invalid(String what) {
        return Errdefs.invalidArgument("invalid tar archive: " + what);
    }
}
