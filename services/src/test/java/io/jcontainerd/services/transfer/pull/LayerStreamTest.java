package io.jcontainerd.services.transfer.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.Errdefs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A layer's bytes from its download to the unpack that applies it while it downloads. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LayerStreamTest {
    private static final byte[] CHUNK = new byte[1 << 20];

    static {
        Arrays.fill(CHUNK, (byte) 7);
    }

    @Test
    void the_unpack_reads_what_the_download_writes_and_the_end_only_once_it_is_complete() throws Exception {
        LayerStream stream = new LayerStream();
        stream.begin();
        InputStream in = stream.open().orElseThrow();
        stream.write(new byte[] {1, 2, 3}, 0, 3);
        byte[] first = new byte[8];
        assertThat(in.read(first)).isEqualTo(3);

        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> {
            try {
                return in.read();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100);
        assertThat(next).as("no end before the download is complete").isNotDone();
        stream.complete();
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void a_failed_download_fails_the_unpack_after_the_bytes_before_it() throws Exception {
        LayerStream stream = new LayerStream();
        stream.begin();
        InputStream in = stream.open().orElseThrow();
        stream.write(new byte[] {1, 2}, 0, 2);
        stream.fail(Errdefs.failedPrecondition("rejected layer: wrong digest"));

        assertThat(in.readNBytes(2)).containsExactly(1, 2);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("wrong digest");
    }

    @Test
    void a_download_nobody_reads_is_dropped_past_the_limit_and_never_waits() throws Exception {
        LayerStream stream = new LayerStream();
        stream.begin();
        for (long written = 0; written <= LayerStream.UNREAD_LIMIT; written += CHUNK.length) {
            stream.write(CHUNK, 0, CHUNK.length);
        }
        assertThat(stream.open()).as("the unpack reads the blob from content instead").isEmpty();
    }

    @Test
    void a_complete_download_nobody_started_reading_is_left_to_content() throws Exception {
        LayerStream stream = new LayerStream();
        stream.begin();
        stream.write(new byte[] {1}, 0, 1);
        stream.complete();
        assertThat(stream.open()).isEmpty();
    }

    @Test
    void a_reading_unpack_holds_the_download_back_and_closing_it_lets_the_download_go_on() throws Exception {
        LayerStream stream = new LayerStream();
        stream.begin();
        InputStream in = stream.open().orElseThrow();
        CompletableFuture<Void> download = CompletableFuture.runAsync(() -> {
            try {
                for (long written = 0; written < 4 * LayerStream.READ_AHEAD_LIMIT; written += CHUNK.length) {
                    stream.write(CHUNK, 0, CHUNK.length);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        assertThat(download).as("waits for the unpack").isNotDone();

        ByteArrayOutputStream some = new ByteArrayOutputStream();
        some.write(in.readNBytes((int) LayerStream.READ_AHEAD_LIMIT));
        in.close();

        download.get(10, TimeUnit.SECONDS);
        assertThat(some.size()).isEqualTo(LayerStream.READ_AHEAD_LIMIT);
    }

    @Test
    void gzip_reads_a_member_that_arrives_late_instead_of_ending_early() throws Exception {
        LayerStream stream = new LayerStream();
        stream.begin();
        InputStream in = stream.open().orElseThrow();
        byte[] first = gzip("first member ");
        byte[] second = gzip("second member");
        stream.write(first, 0, first.length);
        CompletableFuture<String> unpacked = CompletableFuture.supplyAsync(() -> {
            try (InputStream gz = new GZIPInputStream(in)) {
                return new String(gz.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100);
        stream.write(second, 0, second.length);
        stream.complete();

        assertThat(unpacked.get(5, TimeUnit.SECONDS)).isEqualTo("first member second member");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void an_unpack_that_asks_early_waits_for_the_download_to_begin() throws Exception {
        LayerStream resumed = new LayerStream();
        CompletableFuture<Boolean> handedOn = CompletableFuture.supplyAsync(() -> open(resumed));
        Thread.sleep(100);
        assertThat(handedOn).isNotDone();
        resumed.unavailable();
        assertThat(handedOn.get(5, TimeUnit.SECONDS)).as("a resumed download reads from content").isFalse();

        LayerStream fresh = new LayerStream();
        handedOn = CompletableFuture.supplyAsync(() -> open(fresh));
        Thread.sleep(100);
        fresh.begin();
        fresh.complete(); // a small blob can be done before the waiting unpack gets to read
        assertThat(handedOn.get(5, TimeUnit.SECONDS)).isTrue();
    }

    private static boolean open(LayerStream stream) {
        try {
            return stream.open().isPresent();
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void only_one_unpack_reads_a_download() throws Exception {
        LayerStream stream = new LayerStream();
        stream.begin();
        assertThat(stream.open()).isPresent();
        assertThat(stream.open()).isEmpty();
        assertThat(LayerStream.none().open()).isEmpty();
    }
}
