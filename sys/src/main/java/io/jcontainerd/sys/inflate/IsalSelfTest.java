package io.jcontainerd.sys.inflate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Proves that {@link Isal}'s struct offsets are the loaded library's: two concatenated members
 * decode to what was compressed (the member's end is seen in {@code block_state}), and a member
 * whose trailer's CRC-32 is wrong is refused (the trailer is checked: {@code crc_flag}).
 */
final class IsalSelfTest {
    private IsalSelfTest() {
    }

    static boolean passes(Isal isal) {
        try {
            byte[] first = "jcontainerd checks ISA-L's inflate state layout. ".repeat(200)
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] second = "a second gzip member follows the first".getBytes(StandardCharsets.US_ASCII);
            byte[] members = concat(gzip(first), gzip(second));
            if (!Arrays.equals(decode(isal, members), concat(first, second))) {
                return false;
            }
            byte[] badCrc = gzip(first);
            badCrc[badCrc.length - 8] ^= 1;
            try {
                decode(isal, badCrc);
                return false;
            } catch (ZipException expected) {
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] decode(Isal isal, byte[] gzip) throws IOException {
        try (IsalGunzipStream in = new IsalGunzipStream(isal, new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
