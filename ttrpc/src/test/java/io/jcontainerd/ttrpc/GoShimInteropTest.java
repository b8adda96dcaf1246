package io.jcontainerd.ttrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Empty;
import containerd.task.v2.Shim.ConnectRequest;
import containerd.task.v2.Shim.ConnectResponse;
import containerd.task.v2.Shim.ShutdownRequest;
import containerd.task.v2.Shim.StateRequest;
import containerd.task.v2.Shim.StateResponse;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Talks to Debian's containerd-shim-runc-v2, a real Go ttrpc server, the way containerd does:
 * {@code start} in a bundle directory prints the socket address, then calls go to the Task
 * service. Skipped where the shim is not installed or /run is not writable (it needs root).
 * Every process it starts is killed by PID, and every file it made is removed.
 */
@Timeout(60)
class GoShimInteropTest {
    private static final Path SHIM = Path.of("/usr/bin/containerd-shim-runc-v2");
    private static final Path STATE_ROOT = Path.of("/run/containerd");
    private static final String TASK = "containerd.task.v2.Task";
    private static final String NAMESPACE = "jcontainerd-test";
    private static final Map<String, List<String>> METADATA = Map.of("containerd-namespace-ttrpc", List.of(NAMESPACE));
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path bundle;

    @Test
    void speaksTtrpcWithTheGoRuncShim() throws Exception {
        assumeTrue(Files.isExecutable(SHIM), "containerd-shim-runc-v2 not installed");
        assumeTrue(Files.isWritable(Path.of("/run")), "the shim needs a writable /run");
        List<Path> createdDirs = missing(STATE_ROOT, STATE_ROOT.resolve("s"));
        String containerdAddress = bundle.resolve("containerd.sock").toString(); // only names the shim's socket
        Files.writeString(bundle.resolve("config.json"), "{}");
        Path log = bundle.resolve("log");
        run("mkfifo", log.toString());
        Path socket = null;
        // the shim blocks opening its log fifo for writing until someone holds it open
        try (var _ = new RandomAccessFile(log.toFile(), "rw")) {
            socket = start(containerdAddress);
            try (TtrpcClient client = TtrpcClient.connect(socket)) {
                ConnectResponse connected = client.call(TASK, "Connect", ConnectRequest.newBuilder().setId("interop").build(),
                        ConnectResponse.parser(), METADATA, TIMEOUT);
                assertThat(shimPids(containerdAddress)).containsExactly((long) connected.getShimPid());

                assertThatThrownBy(() -> client.call(TASK, "State", StateRequest.newBuilder().setId("nope").build(),
                        StateResponse.parser(), METADATA, TIMEOUT))
                        .isInstanceOfSatisfying(TtrpcStatusException.class, e -> {
                            assertThat(e.code()).isEqualTo(StatusCodes.NOT_FOUND);
                            assertThat(e.description()).isEqualTo("container not created: not found");
                        });
                assertThatThrownBy(() -> client.call(TASK, "Nope", Empty.getDefaultInstance(), Empty.parser(), METADATA, TIMEOUT))
                        .isInstanceOfSatisfying(TtrpcStatusException.class, e -> {
                            assertThat(e.code()).isEqualTo(StatusCodes.UNIMPLEMENTED);
                            assertThat(e.description()).isEqualTo("method Nope");
                        });
                assertThatThrownBy(() -> client.call("no.Such", "State", Empty.getDefaultInstance(), Empty.parser()))
                        .isInstanceOfSatisfying(TtrpcStatusException.class,
                                e -> assertThat(e.description()).isEqualTo("service no.Such"));
                BytesValue huge = BytesValue.of(ByteString.copyFrom(new byte[FrameHeader.MAX_MESSAGE_LENGTH]));
                assertThatThrownBy(() -> client.call(TASK, "State", huge, StateResponse.parser()))
                        .isInstanceOfSatisfying(TtrpcStatusException.class, e -> {
                            assertThat(e.code()).isEqualTo(StatusCodes.RESOURCE_EXHAUSTED);
                            assertThat(e.description()).matches("message length \\d+ exceed maximum message size of 4194304");
                        });
                assertThat(client.call(TASK, "Connect", ConnectRequest.newBuilder().setId("interop").build(),
                        ConnectResponse.parser(), METADATA, TIMEOUT).getShimPid()).isEqualTo(connected.getShimPid());

                shutDown(client);
            }
        } finally {
            killShims(containerdAddress);
            if (socket != null) {
                Files.deleteIfExists(socket);
            }
            for (Path dir : createdDirs.reversed()) {
                deleteIfEmpty(dir);
            }
        }
    }

    /** Runs {@code shim start} and returns the socket path it printed. */
    private Path start(String containerdAddress) throws IOException, InterruptedException {
        Process start = new ProcessBuilder(SHIM.toString(), "-namespace", NAMESPACE, "-id", "interop",
                "-address", containerdAddress, "start")
                .directory(bundle.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(bundle.resolve("start.err").toFile())
                .start();
        try {
            String address = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(start.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(start.exitValue()).as(Files.readString(bundle.resolve("start.err"))).isZero();
            assertThat(address).startsWith("unix:///run/containerd/s/");
            return Path.of(address.substring("unix://".length()));
        } finally {
            start.destroyForcibly();
        }
    }

    /** Shutdown makes an idle shim exit; it may hang up before its answer gets out. */
    private static void shutDown(TtrpcClient client) throws IOException {
        try {
            client.call(TASK, "Shutdown", ShutdownRequest.newBuilder().setId("interop").build(), Empty.parser(), METADATA, TIMEOUT);
        } catch (TtrpcClosedException e) {
            // exited first: fine
        }
    }

    /** The re-executed shim outlives {@code start}; it is ours if it names our unique address. */
    private static List<Long> shimPids(String containerdAddress) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().filter(c -> c.startsWith(SHIM.toString()) && c.contains(containerdAddress)).isPresent())
                .map(ProcessHandle::pid)
                .toList();
    }

    private static void killShims(String containerdAddress) throws InterruptedException {
        for (long pid : shimPids(containerdAddress)) {
            ProcessHandle.of(pid).ifPresent(shim -> {
                shim.destroy();
                shim.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> {
                    shim.destroyForcibly();
                    return shim;
                }).join();
            });
        }
    }

    private static List<Path> missing(Path... dirs) {
        List<Path> missing = new ArrayList<>();
        for (Path dir : dirs) {
            if (Files.notExists(dir)) {
                missing.add(dir);
            }
        }
        return missing;
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // someone else uses it now
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }
}
