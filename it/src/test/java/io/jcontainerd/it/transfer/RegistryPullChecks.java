package io.jcontainerd.it.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.JcontainerdHome;
import io.jcontainerd.it.support.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What a user checks after a pull into our daemon: Debian's ctr lists the image and mounts its files. */
final class RegistryPullChecks {
    private RegistryPullChecks() {
    }

    /** Asserts {@code ctr images ls} lists {@code reference} and {@code ctr images mount} shows {@code files}. */
    static void assertPulled(JcontainerdHome home, Path work, String namespace, String reference, Map<String, String> files)
            throws IOException {
        assertThat(home.ctr("-n", namespace, "images", "ls", "-q").stdout()).isEqualTo(reference + "\n");
        Path mountpoint = Files.createDirectories(work.resolve("mnt-" + namespace));
        ProcessResult mounted = home.ctr("-n", namespace, "images", "mount", reference, mountpoint.toString());
        assertThat(mounted.exitCode()).as(mounted.toString()).isZero();
        try {
            for (var file : files.entrySet()) {
                assertThat(mountpoint.resolve(file.getKey())).hasContent(file.getValue());
            }
        } finally {
            ProcessResult unmounted = home.ctr("-n", namespace, "images", "unmount", "--rm", mountpoint.toString());
            assertThat(unmounted.exitCode()).as(unmounted.toString()).isZero();
        }
    }
}
