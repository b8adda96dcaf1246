package io.jcontainerd.plugins.content.local;

import static io.jcontainerd.plugins.content.local.ContentFixtures.payload;
import static io.jcontainerd.plugins.content.local.ContentFixtures.readAll;
import static io.jcontainerd.plugins.content.local.ContentFixtures.sha256;
import static io.jcontainerd.plugins.content.local.ContentFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.content.Writer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real crash: a child JVM ingests half a payload and is killed with SIGKILL mid-ingest. */
class CrashResumeTest {
    static final int SIZE = 3 << 20;
    static final int HALF = SIZE / 2 + 12_345;
    static final long SEED = 42;

    @TempDir
    Path root;

    @Test
    void an_ingest_killed_mid_write_resumes_from_its_offset_and_commits() throws Exception {
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                HalfIngestProcess.class.getName(),
                root.toString(), "killed", Integer.toString(SIZE), Long.toString(SEED), Integer.toString(HALF))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(line).isEqualTo("wrote " + HALF);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        byte[] data = payload(SIZE, SEED);
        LocalContentStore restarted = new LocalContentStore(root);
        assertThat(restarted.status("killed").offset()).isEqualTo(HALF);
        try (Writer w = restarted.writer("killed", SIZE, null)) {
            assertThat(w.offset()).isEqualTo(HALF);
            w.write(slice(data, HALF, SIZE));
            w.commit(SIZE, sha256(data), Map.of());
        }
        assertThat(readAll(restarted, sha256(data))).isEqualTo(data);
    }
}
