package io.jcontainerd.plugins.snapshots.overlay;

import static io.jcontainerd.plugins.snapshots.Applier.all;
import static io.jcontainerd.plugins.snapshots.Applier.createDir;
import static io.jcontainerd.plugins.snapshots.Applier.createFile;
import static io.jcontainerd.plugins.snapshots.Applier.removeAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.plugins.snapshots.Applier;
import io.jcontainerd.plugins.snapshots.Mounted;
import io.jcontainerd.plugins.snapshots.SnapshotterContract;
import io.jcontainerd.plugins.snapshots.TreeState;
import io.jcontainerd.sys.LinuxSyscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlaySnapshotterTest extends SnapshotterContract {
    @Override
    protected Snapshotter open(Path root) throws IOException {
        return OverlaySnapshotter.open(new LinuxSyscalls(), root);
    }

    private String fs(String id) {
        return root.resolve("snapshots").resolve(id).resolve("fs").toString();
    }

    private String workdir(String id) {
        return root.resolve("snapshots").resolve(id).resolve("work").toString();
    }

    @Test
    void mounts_have_upstreams_shapes() throws IOException {
        sn.close();
        sn = OverlaySnapshotter.open(new LinuxSyscalls(), root, List.of("index=off"));

        assertThat(sn.prepare("base-a", "", GC_ROOT)).containsExactly(Mount.of("bind", fs("1"), List.of("rw", "rbind")));
        sn.commit("base", "base-a", GC_ROOT);
        assertThat(sn.view("lone-view", "", GC_ROOT)).containsExactly(Mount.of("bind", fs("2"), List.of("ro", "rbind")));
        assertThat(sn.view("one-layer-view", "base", GC_ROOT))
                .containsExactly(Mount.of("bind", fs("1"), List.of("ro", "rbind")));
        assertThat(sn.prepare("a", "base", GC_ROOT)).containsExactly(Mount.of("overlay", "overlay",
                List.of("index=off", "workdir=" + workdir("4"), "upperdir=" + fs("4"), "lowerdir=" + fs("1"))));
        sn.commit("second", "a", GC_ROOT);
        assertThat(sn.view("two-layer-view", "second", GC_ROOT))
                .containsExactly(Mount.of("overlay", "overlay", List.of("index=off", "lowerdir=" + fs("4") + ":" + fs("1"))));
        assertThat(sn.prepare("top", "second", GC_ROOT)).containsExactly(Mount.of("overlay", "overlay",
                List.of("index=off", "workdir=" + workdir("6"), "upperdir=" + fs("6"), "lowerdir=" + fs("4") + ":" + fs("1"))));
    }

    @Test
    void a_view_has_no_work_directory_and_an_active_snapshot_does() throws IOException {
        sn.prepare("a", "", GC_ROOT);
        sn.view("v", "", GC_ROOT);
        assertThat(Path.of(workdir("1"))).isDirectory();
        assertThat(Path.of(workdir("2"))).doesNotExist();
        assertThat((Integer) Files.getAttribute(Path.of(workdir("1")), "unix:mode") & 07777).isEqualTo(0711);
        assertThat((Integer) Files.getAttribute(root.resolve("snapshots/1"), "unix:mode") & 07777).isEqualTo(0700);
    }

    @Test
    void a_child_fs_takes_the_owner_of_its_parents_fs() throws IOException {
        sn.prepare("p", "", GC_ROOT);
        Files.setAttribute(Path.of(fs("1")), "unix:uid", 1234);
        Files.setAttribute(Path.of(fs("1")), "unix:gid", 5678);
        sn.commit("c", "p", GC_ROOT);
        sn.prepare("child", "c", GC_ROOT);
        assertThat(Files.getAttribute(Path.of(fs("2")), "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1234);
        assertThat(Files.getAttribute(Path.of(fs("2")), "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(5678);
    }

    @Test
    void usage_counts_only_the_upper_directory() throws IOException {
        sn.prepare("p", "", GC_ROOT);
        Files.write(Path.of(fs("1")).resolve("big"), new byte[100_000]);
        sn.commit("c", "p", GC_ROOT);
        sn.prepare("child", "c", GC_ROOT);
        assertThat(sn.usage("child").inodes()).isEqualTo(1);
        assertThat(sn.usage("c").inodes()).isEqualTo(2);
        assertThat(sn.usage("c").size()).isGreaterThanOrEqualTo(100_000);
    }

    /** Through a real overlay mount: writes land in the upper directory, deletions become whiteouts, a view sees the result. */
    @Test
    void a_mounted_overlay_captures_changes_that_a_view_of_the_commit_shows() throws IOException {
        Applier base = all(createFile("kept", "kept", 0644), createFile("deleted", "deleted", 0644),
                createDir("dir", 0755), createDir("dir/sub", 0755));
        Applier change = all(createFile("new", "new", 0600), removeAll("deleted"), createFile("dir/sub/deep", "deep", 0640));
        layer("base", "", base);
        List<Mount> mounts = sn.prepare("work", "base", GC_ROOT);
        assertThat(mounts.getFirst().type()).isEqualTo("overlay");
        try (Mounted m = Mounted.at(mounts, work.resolve("mnt"))) {
            assertThat(m.path().resolve("kept")).hasContent("kept");
            change.apply(m.path());
        }
        Path upper = Path.of(fs("2"));
        assertThat(upper.resolve("new")).hasContent("new");
        assertThat(upper.resolve("kept")).doesNotExist();
        int whiteout = (Integer) Files.getAttribute(upper.resolve("deleted"), "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertThat(whiteout & 0170000).as("a whiteout is a character device").isEqualTo(0020000);
        assertThat(Files.getAttribute(upper.resolve("deleted"), "unix:rdev", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0L);

        sn.commit("top", "work", GC_ROOT);
        Path flat = Files.createDirectories(work.resolve("flat"));
        base.apply(flat);
        change.apply(flat);
        assertThat(viewState("top")).isEqualTo(TreeState.of(flat)).containsKeys("new", "dir/sub/deep")
                .doesNotContainKey("deleted");
    }
}
