package io.jcontainerd.services.transfer.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A layer's tar decompressed ahead of its apply. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DecompressedLayerTest {
    private final NativeChunks chunks = new NativeChunks(DecompressedLayer.CHUNK_BYTES);

    @AfterEach
    void freeChunks() {
        chunks.close();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /** Larger than the limit, so that the decompression waits for the reader on the way. */
    private static byte[] bigTar() {
        byte[] plain = new byte[(int) DecompressedLayer.LIMIT_BYTES * 2 + 12345];
        new Random(5).nextBytes(plain);
        Arrays.fill(plain, 1000, 3_000_000, (byte) 0);
        return plain;
    }

    @Test
    void the_reader_gets_the_decompressed_bytes_of_a_gzip_layer_larger_than_the_limit() throws Exception {
        byte[] plain = bigTar();
        byte[] compressed = gzip(plain);
        try (DecompressedLayer tar = new DecompressedLayer(() -> new ByteArrayInputStream(compressed), chunks, "test")) {
            Thread.sleep(200); // lets the decompression run into its limit
            assertThat(tar.readAllBytes()).isEqualTo(plain);
            assertThat(tar.read()).isEqualTo(-1);
        }
    }

    /** The chunks a closed layer filled are the next layer's: a pull maps one layer's worth, not one per layer. */
    @Test
    void the_next_layer_fills_the_chunks_the_one_before_gave_back() throws Exception {
        byte[] plain = bigTar();
        byte[] compressed = gzip(plain);
        int perLayer = (int) (DecompressedLayer.LIMIT_BYTES / DecompressedLayer.CHUNK_BYTES) + 1;
        for (int layer = 0; layer < 4; layer++) {
            try (DecompressedLayer tar = new DecompressedLayer(() -> new ByteArrayInputStream(compressed), chunks, "layer")) {
                while (layer == 0 && chunks.allocated() < perLayer) {
                    Thread.sleep(5); // the first decompression runs into its limit, taking every chunk it may
                }
                assertThat(tar.readAllBytes()).isEqualTo(plain);
            }
        }
        assertThat(chunks.allocated()).as("four layers, each up to %d chunks", perLayer).isEqualTo(perLayer);
    }

    @Test
    void an_uncompressed_layer_is_read_as_it_is() throws Exception {
        byte[] plain = "not compressed at all".getBytes();
        try (DecompressedLayer tar = new DecompressedLayer(() -> new ByteArrayInputStream(plain), chunks, "test")) {
            assertThat(tar.readAllBytes()).isEqualTo(plain);
        }
    }

    @Test
    void corrupt_gzip_fails_the_reader_as_invalid_after_the_bytes_before_it() throws Exception {
        byte[] plain = bigTar();
        byte[] compressed = gzip(plain);
        compressed[compressed.length / 2] ^= 0x55;
        compressed[compressed.length / 2 + 1] ^= 0x55;
        try (DecompressedLayer tar = new DecompressedLayer(() -> new ByteArrayInputStream(compressed), chunks, "test")) {
            assertThat(tar.readNBytes(1 << 20)).isEqualTo(Arrays.copyOf(plain, 1 << 20));
            assertThatThrownBy(tar::readAllBytes).isInstanceOfSatisfying(ErrdefsException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
        }
    }

    @Test
    void a_source_that_fails_fails_the_reader_with_its_error() {
        try (DecompressedLayer tar = new DecompressedLayer(() -> {
            throw new IOException("layer download failed: wrong digest");
        }, chunks, "test")) {
            assertThatThrownBy(tar::read).isInstanceOf(IOException.class).hasMessageContaining("wrong digest");
        }
    }

    @Test
    void closing_stops_a_decompression_waiting_for_its_source() throws Exception {
        CountDownLatch opened = new CountDownLatch(1);
        DecompressedLayer tar = new DecompressedLayer(() -> new InputStream() {
            @Override
            public int read() throws IOException {
                opened.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException("stopped");
                }
                return -1;
            }
        }, chunks, "test");
        assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
        tar.close(); // returns only once the decompressing thread has ended
        assertThatThrownBy(tar::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
