package io.jcontainerd.client.cio;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.runtime.StdioPaths;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's side of a process's FIFOs, with this test playing the shim's side. */
class ProcessIoTest {
    @TempDir
    Path root;

    @Test
    void copiesStdinInAndOutputOutUntilTheShimClosesThenRemovesTheFifos() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        CountDownLatch stdinClosed = new CountDownLatch(1);
        ProcessIo io = ProcessIo.fifos(root.toString(), "t1", new Streams(
                new ByteArrayInputStream("input".getBytes(StandardCharsets.UTF_8)), stdout, stderr), false);
        StdioPaths paths = io.config();
        Path dir = Path.of(paths.stdout()).getParent();
        assertThat(dir.getParent()).isEqualTo(root);
        assertThat(Path.of(paths.stdin()).getFileName()).hasToString("t1-stdin");
        assertThat(Path.of(paths.stderr()).getFileName()).hasToString("t1-stderr");
        io.onStdinEnd(stdinClosed::countDown);

        try (InputStream shimStdin = new FileInputStream(paths.stdin())) {
            assertThat(new String(shimStdin.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("input");
        }
        assertThat(stdinClosed.await(5, TimeUnit.SECONDS)).as("stdin end reported").isTrue();
        try (OutputStream shimStdout = new FileOutputStream(paths.stdout());
             OutputStream shimStderr = new FileOutputStream(paths.stderr())) {
            shimStdout.write("out".getBytes(StandardCharsets.UTF_8));
            shimStderr.write("err".getBytes(StandardCharsets.UTF_8));
        }
        io.awaitOutput();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("out");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("err");
        io.close();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aTerminalHasNoStderrFifo() throws IOException {
        ProcessIo io = ProcessIo.fifos(root.toString(), "tty", new Streams(null, new ByteArrayOutputStream(),
                new ByteArrayOutputStream()), true);
        assertThat(io.config()).extracting(StdioPaths::stdin, StdioPaths::stderr, StdioPaths::terminal)
                .containsExactly("", "", true);
        io.close();
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void closingUnblocksCopiesTheShimNeverOpened() throws Exception {
        ProcessIo io = ProcessIo.fifos(root.toString(), "never", new Streams(null, new ByteArrayOutputStream(), null), false);
        io.close(); // the shim never opened the stdout FIFO: the copy waiting in open() must end
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                io.awaitOutput();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.join(5000);
        assertThat(waiter.isAlive()).as("output copy still waiting").isFalse();
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void nullIoAndLogUrisNeedNoFifos() throws IOException {
        assertThat(ProcessIo.nullIo().config()).isEqualTo(new StdioPaths("", "", "", false));
        assertThat(ProcessIo.logUri("binary:///bin/logger?a=b").config())
                .isEqualTo(new StdioPaths("", "binary:///bin/logger?a=b", "binary:///bin/logger?a=b", false));
        try (ProcessIo attached = ProcessIo.attach(new StdioPaths("", "", "", false), Streams.stdio())) {
            assertThat(attached.config().stdout()).isEmpty();
        }
        assertThat(Files.list(root)).isEmpty();
    }
}
