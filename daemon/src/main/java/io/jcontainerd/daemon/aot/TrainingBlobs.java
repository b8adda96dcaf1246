package io.jcontainerd.daemon.aot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** The small blobs the training runs import, pull and run: layers, digests. */
final class TrainingBlobs {
    private TrainingBlobs() {
    }

    /** An entry of a training layer: a file ('0'), a directory ('5') or a symbolic link ('2'). */
    record Entry(String name, char type, int mode, String link, byte[] data) {
        static Entry file(String name, int mode, byte[] data) {
            return new Entry(name, '0', mode, "", data);
        }

        static Entry directory(String name) {
            return new Entry(name, '5', 0755, "", new byte[0]);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, '2', 0777, target, new byte[0]);
        }
    }

    /** A one-file ustar archive. */
    static byte[] tar(String name, String text) {
        return tar(List.of(Entry.file(name, 0644, text.getBytes(StandardCharsets.UTF_8))));
    }

    /** A ustar archive of {@code entries}, owned by root. */
    static byte[] tar(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry entry : entries) {
            out.writeBytes(header(entry));
            out.writeBytes(entry.data());
            out.writeBytes(new byte[(512 - entry.data().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static byte[] header(Entry entry) {
        byte[] header = new byte[512];
        put(header, 0, entry.name());
        put(header, 100, String.format("%07o", entry.mode()));
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", entry.data().length));
        put(header, 136, "00000000000");
        put(header, 148, "        ");
        header[156] = (byte) entry.type();
        put(header, 157, entry.link());
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        return header;
    }

    private static void put(byte[] header, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, b.length);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** {@return the {@code sha256:} digest of {@code data}} */
    static String digest(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
