package io.jcontainerd.it.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.BackgroundProcess;
import io.jcontainerd.it.support.Host;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TempDirs;
import io.jcontainerd.it.support.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A daemon import that a crash cuts off: once the daemon is started again, neither the snapshots
 * it was applying layers into nor its temporary lease are left, and the archive imports.
 */
class ImportCrashIT extends RegistryDaemonBase {
    @BeforeAll
    static void start() {
        work = TempDirs.create("jcd-import-crash-");
        startDaemon("");
    }

    @Test
    void an_import_cut_off_by_a_daemon_crash_leaves_no_half_applied_snapshot_or_lease_after_the_restart()
            throws Exception {
        Random random = new Random(23);
        List<Map<String, String>> layers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] noise = new byte[8 << 20];
            random.nextBytes(noise);
            layers.add(Map.of("layer-" + i + ".hex", HexFormat.of().formatHex(noise)));
        }
        Path layout = work.resolve("layout");
        TestImages.ociLayout(layout, "v1", layers);
        Path archive = work.resolve("six-layers.tar");
        TestImages.tarLayout(layout, archive);

        try (BackgroundProcess importing = BackgroundProcess.start(List.of(Host.home().resolve("bin/jctr").toString(),
                "-a", home.socket().toString(), "-n", "cut", "images", "import", archive.toString()), Map.of())) {
            awaitActiveSnapshot("cut"); // layers are applied ahead while the archive is read
            crashAndRestartDaemon();
            assertThat(importing.finish(Duration.ofMinutes(1)).exitCode()).isNotZero();
        }

        assertThat(home.ctr("-n", "cut", "snapshots", "ls").stdout()).as("the half-applied snapshots")
                .doesNotContain("Active");
        assertThat(home.ctr("-n", "cut", "leases", "ls", "-q").stdout()).as("the import's lease").isEmpty();
        assertThat(home.ctr("-n", "cut", "images", "ls", "-q").stdout()).isEmpty();

        ProcessResult again = home.jctr("-n", "cut", "images", "import", archive.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(home.ctr("-n", "cut", "images", "check").stdout()).contains("complete (7/7)");
        assertThat(home.ctr("-n", "cut", "snapshots", "ls").stdout()).doesNotContain("Active");
    }
}
