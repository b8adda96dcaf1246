package io.jcontainerd.it.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.DaemonProcess;
import io.jcontainerd.it.support.JcontainerdHome;
import io.jcontainerd.it.support.TempDirs;
import io.jcontainerd.registry.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;

/**
 * A class's fixture: a work directory, a real docker-registry in it and our daemon, each started
 * by the subclass's {@code @BeforeAll} with what it needs, all stopped and removed after the class.
 */
abstract class RegistryDaemonBase {
    static Path work;
    static LocalRegistry registry;
    static JcontainerdHome home;
    static DaemonProcess daemon;
    private static Path config;

    /** Skips the class where docker-registry or skopeo is missing; otherwise makes the work directory. */
    static void requireRegistryAndSkopeo(String workPrefix) {
        Assumptions.assumeTrue(LocalRegistry.available(), "needs " + LocalRegistry.BINARY);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "needs skopeo");
        work = TempDirs.create(workPrefix);
    }

    /** Starts our daemon; {@code transferOptions} are TOML lines of {@code io.containerd.transfer.v1.local}. */
    static void startDaemon(String transferOptions) {
        home = new JcontainerdHome();
        config = home.config("[plugins.\"io.containerd.transfer.v1.local\"]\n" + transferOptions);
        daemon = home.start(config);
    }

    /** Waits until {@code namespace} has an active snapshot: a layer is being applied. */
    static void awaitActiveSnapshot(String namespace) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!home.ctr("-n", namespace, "snapshots", "ls").stdout().contains("Active")) {
            assertThat(System.nanoTime()).as("an active snapshot within 5 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Crashes the daemon (SIGKILL) and starts it again on the same root and config. */
    static void crashAndRestartDaemon() {
        daemon.kill();
        daemon = home.start(config);
    }

    /** Each one is stopped or removed even when one before it fails (a root left busy by a mount, say). */
    @AfterAll
    static void stop() {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            daemon = null;
            try {
                if (home != null) {
                    home.close();
                }
            } finally {
                home = null;
                try {
                    if (registry != null) {
                        registry.close();
                    }
                } finally {
                    registry = null;
                    if (work != null) {
                        TempDirs.delete(work);
                        work = null;
                    }
                }
            }
        }
    }
}
