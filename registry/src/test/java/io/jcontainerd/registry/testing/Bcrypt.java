package io.jcontainerd.registry.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * bcrypt ({@code $2b$}), enough to write the htpasswd file docker-registry reads: Debian's machine
 * may lack apache2-utils' {@code htpasswd}, and no bcrypt library is in the offline Maven cache.
 * Blowfish's initial P-array and S-boxes are the hexadecimal digits of pi's fraction, so they are
 * computed here (Machin's formula) rather than pasted.
 */
public final class Bcrypt {
    private static final int ROUNDS = 16;
    private static final int[] INITIAL = piWords(18 + 4 * 256);
    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** "OrpheanBeholderScryDoubt", the text bcrypt encrypts 64 times. */
    private static final byte[] MAGIC = "OrpheanBeholderScryDoubt".getBytes(StandardCharsets.US_ASCII);

    private final int[] p = Arrays.copyOfRange(INITIAL, 0, 18);
    private final int[] s = Arrays.copyOfRange(INITIAL, 18, INITIAL.length);

    private Bcrypt() {
    }

    /** {@return a {@code $2b$} hash of {@code password} with a random salt} */
    public static String hash(String password, int cost) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return hash(password, cost, salt, "2b");
    }

    /** {@return the hash for a salt in bcrypt's base64, e.g. from a known hash ({@code $2a$06$<22 chars>})} */
    static String hash(String password, String setting) {
        String[] parts = setting.split("\\$");
        return hash(password, Integer.parseInt(parts[2]), decode(parts[3].substring(0, 22), 16), parts[1]);
    }

    private static String hash(String password, int cost, byte[] salt, String version) {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(utf8, Math.min(utf8.length + 1, 72));
        Bcrypt state = new Bcrypt();
        state.expand(salt, key);
        for (long i = 0, n = 1L << cost; i < n; i++) {
            state.expand(null, key);
            state.expand(null, salt);
        }
        int[] text = new int[6];
        for (int i = 0; i < 6; i++) {
            text[i] = (MAGIC[4 * i] & 0xff) << 24 | (MAGIC[4 * i + 1] & 0xff) << 16 | (MAGIC[4 * i + 2] & 0xff) << 8 | MAGIC[4 * i + 3] & 0xff;
        }
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 6; j += 2) {
                state.encipher(text, j);
            }
        }
        byte[] out = new byte[24];
        for (int i = 0; i < 6; i++) {
            out[4 * i] = (byte) (text[i] >>> 24);
            out[4 * i + 1] = (byte) (text[i] >>> 16);
            out[4 * i + 2] = (byte) (text[i] >>> 8);
            out[4 * i + 3] = (byte) text[i];
        }
        return "$" + version + "$" + (cost < 10 ? "0" : "") + cost + "$" + encode(salt, 16) + encode(out, 23);
    }

    /** Blowfish key expansion, salted (bcrypt's EksBlowfishSetup step) when {@code salt} is given. */
    private void expand(byte[] salt, byte[] key) {
        int[] keyPos = {0};
        for (int i = 0; i < 18; i++) {
            p[i] ^= word(key, keyPos);
        }
        int[] lr = {0, 0};
        int[] saltPos = {0};
        for (int i = 0; i < 18; i += 2) {
            mix(lr, salt, saltPos);
            p[i] = lr[0];
            p[i + 1] = lr[1];
        }
        for (int i = 0; i < s.length; i += 2) {
            mix(lr, salt, saltPos);
            s[i] = lr[0];
            s[i + 1] = lr[1];
        }
    }

    private void mix(int[] lr, byte[] salt, int[] saltPos) {
        if (salt != null) {
            lr[0] ^= word(salt, saltPos);
            lr[1] ^= word(salt, saltPos);
        }
        encipher(lr, 0);
    }

    private void encipher(int[] lr, int off) {
        int l = lr[off] ^ p[0];
        int r = lr[off + 1];
        for (int i = 1; i <= ROUNDS; i += 2) {
            r ^= f(l) ^ p[i];
            l ^= f(r) ^ p[i + 1];
        }
        lr[off] = r ^ p[ROUNDS + 1];
        lr[off + 1] = l;
    }

    private int f(int x) {
        return ((s[x >>> 24] + s[0x100 | (x >>> 16) & 0xff]) ^ s[0x200 | (x >>> 8) & 0xff]) + s[0x300 | x & 0xff];
    }

    /** The next 32 bits of {@code data}, cycling. */
    private static int word(byte[] data, int[] pos) {
        int w = 0;
        for (int i = 0; i < 4; i++) {
            w = w << 8 | data[pos[0]] & 0xff;
            pos[0] = (pos[0] + 1) % data.length;
        }
        return w;
    }

    /** The first {@code count} 32-bit words of pi's fraction: floor(pi * 2^bits) by Machin, pi = 16 atan(1/5) - 4 atan(1/239). */
    private static int[] piWords(int count) {
        int bits = count * 32 + 64;
        BigInteger pi = arctanInverse(5, bits).shiftLeft(4).subtract(arctanInverse(239, bits).shiftLeft(2));
        BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits));
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = fraction.shiftRight(bits - 32 * (i + 1)).intValue();
        }
        return words;
    }

    private static BigInteger arctanInverse(int x, int bits) {
        BigInteger xSquared = BigInteger.valueOf((long) x * x);
        BigInteger term = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(x));
        BigInteger sum = term;
        for (int k = 1; term.signum() != 0; k++) {
            term = term.divide(xSquared);
            BigInteger part = term.divide(BigInteger.valueOf(2L * k + 1));
            sum = k % 2 == 1 ? sum.subtract(part) : sum.add(part);
        }
        return sum;
    }

    private static String encode(byte[] data, int length) {
        StringBuilder out = new StringBuilder();
        int off = 0;
        while (off < length) {
            int c1 = data[off++] & 0xff;
            out.append(ALPHABET.charAt(c1 >> 2 & 0x3f));
            c1 = (c1 & 0x03) << 4;
            if (off >= length) {
                out.append(ALPHABET.charAt(c1 & 0x3f));
                break;
            }
            int c2 = data[off++] & 0xff;
            c1 |= c2 >> 4 & 0x0f;
            out.append(ALPHABET.charAt(c1 & 0x3f));
            c1 = (c2 & 0x0f) << 2;
            if (off >= length) {
                out.append(ALPHABET.charAt(c1 & 0x3f));
                break;
            }
            c2 = data[off++] & 0xff;
            c1 |= c2 >> 6 & 0x03;
            out.append(ALPHABET.charAt(c1 & 0x3f));
            out.append(ALPHABET.charAt(c2 & 0x3f));
        }
        return out.toString();
    }

    private static byte[] decode(String text, int length) {
        byte[] out = new byte[length];
        int n = 0;
        int bits = 0;
        int acc = 0;
        for (int i = 0; i < text.length() && n < length; i++) {
            acc = acc << 6 | ALPHABET.indexOf(text.charAt(i));
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >> bits);
            }
        }
        return out;
    }
}
