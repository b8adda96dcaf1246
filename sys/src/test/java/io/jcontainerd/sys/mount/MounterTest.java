package io.jcontainerd.sys.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.sys.LinuxSyscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real overlay mounts (root only): an overlay of more lower directories than one page of options can name. */
class MounterTest {
    private final LinuxSyscalls sys = new LinuxSyscalls();
    private final Mounter mounter = new Mounter(sys);

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        assumeTrue(sys.geteuid() == 0, "needs root");
    }

    @Test
    void anOverlayOfOneHundredLayersMountsAndShowsEveryLayer() throws IOException {
        Path snapshots = dir.resolve("io.containerd.snapshotter.v1.overlayfs").resolve("snapshots");
        List<String> lower = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            Path fs = Files.createDirectories(snapshots.resolve(Integer.toString(i)).resolve("fs"));
            Files.writeString(fs.resolve("layer-" + i), "layer " + i);
            lower.add(fs.toString());
        }
        Mount overlay = new Mount("overlay", "overlay", "", List.of("lowerdir=" + String.join(":", lower)));
        assertThat(String.join(",", overlay.options()).length()).isGreaterThan(4096);

        List<String> seen = mounter.withTempMount(dir.resolve("tmp"), List.of(overlay), root -> {
            try (var files = Files.list(root)) {
                return files.map(f -> f.getFileName().toString()).toList();
            }
        });

        assertThat(seen).hasSize(100).contains("layer-1", "layer-100");
        // the working directory changed only on the mounting thread: the process's is still the module's
        assertThat(Files.readString(Path.of("/proc/self/cwd/pom.xml"))).contains("<artifactId>jcontainerd-sys</artifactId>");
    }

    @Test
    void tempMountsLeftByADeadProcessAreDetachedAndRemovedWithTheirFilesKept() throws IOException {
        Path source = Files.createDirectories(dir.resolve("snapshot/fs"));
        Files.writeString(source.resolve("kept"), "layer file");
        Path inner = Files.createDirectories(dir.resolve("inner"));
        Path temp = dir.resolve("tmpmounts");
        Path stacked = Files.createDirectories(temp.resolve("containerd-mount1"));
        Path nested = Files.createDirectories(temp.resolve("containerd-mount2"));
        Path empty = Files.createDirectories(temp.resolve("containerd-mount3"));
        Mount bind = new Mount("bind", source.toString(), "", List.of("rbind", "rw"));
        mounter.mountAll(List.of(bind), stacked);
        mounter.mountAll(List.of(bind), stacked);
        mounter.mountAll(List.of(bind), nested);
        mounter.mountAll(List.of(new Mount("bind", inner.toString(), "", List.of("rbind", "rw"))),
                Files.createDirectories(nested.resolve("sub")));

        assertThat(mounter.cleanupTempMounts(temp)).containsExactlyInAnyOrder(stacked, nested, empty);

        assertThat(temp).isEmptyDirectory();
        assertThat(source.resolve("kept")).hasContent("layer file");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(temp.toString());
        assertThat(mounter.cleanupTempMounts(dir.resolve("none"))).isEmpty();
    }
}
