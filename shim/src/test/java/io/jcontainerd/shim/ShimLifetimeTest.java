package io.jcontainerd.shim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.sys.LinuxSyscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When an idle group shim ends: after its linger, not while it has containers, not right after a start claimed it. */
class ShimLifetimeTest {
    @TempDir
    Path dir;

    private Path socket() throws Exception {
        Path socket = dir.resolve("s");
        Files.writeString(socket, "");
        Files.writeString(Path.of(socket + ".pid"), "1");
        Files.writeString(Path.of(socket + ".log"), "INFO: serving\n");
        return socket;
    }

    @Test
    void anIdleShimEndsAfterItsLingerAndRemovesItsSocketAndPidFile() throws Exception {
        Path socket = socket();
        CountDownLatch ended = new CountDownLatch(1);
        ShimLifetime lifetime = new ShimLifetime(new LinuxSyscalls(), socket, Duration.ofMillis(200), () -> true, ended::countDown);
        lifetime.idle();
        assertThat(ended.await(100, TimeUnit.MILLISECONDS)).as("still lingering").isFalse();
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(socket).doesNotExist();
        assertThat(Path.of(socket + ".pid")).doesNotExist();
        assertThat(Path.of(socket + ".log")).doesNotExist();
    }

    @Test
    void aShimThatGotAContainerMeanwhileStays() throws Exception {
        Path socket = socket();
        CountDownLatch ended = new CountDownLatch(1);
        ShimLifetime lifetime = new ShimLifetime(new LinuxSyscalls(), socket, Duration.ZERO, () -> false, ended::countDown);
        lifetime.idle();
        assertThat(ended.await(500, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(socket).exists();
    }

    @Test
    void aStartThatClaimedTheShimAfterItWentIdleKeepsIt() throws Exception {
        Path socket = socket();
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean asked = new AtomicBoolean();
        ShimLifetime lifetime = new ShimLifetime(new LinuxSyscalls(), socket, Duration.ofMillis(300),
                () -> asked.getAndSet(true), ended::countDown);
        lifetime.idle();
        Thread.sleep(50);
        Files.writeString(Path.of(socket + ".claim"), ""); // what the launcher's touch does
        assertThat(ended.await(1, TimeUnit.SECONDS)).as("kept for the claimed create").isFalse();
        assertThat(asked).isFalse();
        assertThat(socket).exists();
    }
}
