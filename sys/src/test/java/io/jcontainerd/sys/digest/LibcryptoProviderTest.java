package io.jcontainerd.sys.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LibcryptoProviderTest {
    @BeforeAll
    static void installed() {
        assertThat(LibcryptoProvider.install()).as("libcrypto.so.3 loads on this host").isTrue();
    }

    @Test
    void servesSha256AheadOfTheJdk() throws NoSuchAlgorithmException {
        assertThat(MessageDigest.getInstance("SHA-256").getProvider().getName()).isEqualTo(LibcryptoProvider.NAME);
        assertThat(MessageDigest.getInstance("SHA-512").getProvider().getName()).isNotEqualTo(LibcryptoProvider.NAME);
        assertThat(LibcryptoProvider.install()).as("a second install is a no-op").isTrue();
    }

    @Test
    void knownAnswers() throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(hex(sha.digest(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(sha.digest("abc".getBytes())))
                .as("digest() resets").isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    /** Random data in random splits over arrays, heap and direct buffers hashes as the JDK's SHA-256 does. */
    @Test
    void matchesTheJdkWhateverTheSplit() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 60; round++) {
            byte[] data = new byte[random.nextInt(round % 10 == 0 ? 2_000_000 : 70_000)];
            random.nextBytes(data);
            MessageDigest ours = MessageDigest.getInstance("SHA-256");
            int from = 0;
            for (int kind = 0; from < data.length; kind++) {
                int to = Math.min(data.length, from + random.nextInt(Math.max(1, data.length / 3)) + (kind == 0 ? 0 : 1));
                feed(ours, data, from, to, kind % 3);
                from = to;
            }
            assertThat(hex(ours.digest())).as("seed %d, round %d, %d bytes", seed, round, data.length)
                    .isEqualTo(hex(MessageDigest.getInstance("SHA-256", "SUN").digest(data)));
        }
    }

    @Test
    void aCloneGoesOnFromTheSameStateIndependently() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("hello ".getBytes());
        MessageDigest copy = (MessageDigest) sha.clone();
        sha.update("world".getBytes());
        copy.update("there".getBytes());
        MessageDigest jdk = MessageDigest.getInstance("SHA-256", "SUN");
        assertThat(hex(sha.digest())).isEqualTo(hex(jdk.digest("hello world".getBytes())));
        assertThat(hex(copy.digest())).isEqualTo(hex(jdk.digest("hello there".getBytes())));
    }

    @Test
    void resetStartsOver() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 1);
        sha.reset();
        assertThat(hex(sha.digest())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    private static void feed(MessageDigest sha, byte[] data, int from, int to, int kind) {
        switch (kind) {
            case 0 -> sha.update(data, from, to - from);
            case 1 -> sha.update(ByteBuffer.wrap(data, from, to - from));
            default -> {
                ByteBuffer direct = ByteBuffer.allocateDirect(to - from).put(data, from, to - from).flip();
                sha.update(direct);
                assertThat(direct.hasRemaining()).isFalse();
            }
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
