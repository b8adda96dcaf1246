package io.jcontainerd.plugins.snapshots.nativecopy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.plugins.snapshots.SnapshotterContract;
import io.jcontainerd.sys.LinuxSyscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeSnapshotterTest extends SnapshotterContract {
    @Override
    protected Snapshotter open(Path root) throws IOException {
        return NativeSnapshotter.open(new LinuxSyscalls(), root);
    }

    private String dir(String id) {
        return root.resolve("snapshots").resolve(id).toString();
    }

    @Test
    void mounts_bind_the_snapshots_own_copy_or_for_a_view_the_parent() throws IOException {
        assertThat(sn.prepare("p", "", GC_ROOT)).containsExactly(Mount.of("bind", dir("1"), List.of("rbind", "rw")));
        sn.commit("c", "p", GC_ROOT);
        assertThat(sn.view("lone-view", "", GC_ROOT)).containsExactly(Mount.of("bind", dir("2"), List.of("rbind", "ro")));
        assertThat(sn.prepare("a", "c", GC_ROOT)).containsExactly(Mount.of("bind", dir("3"), List.of("rbind", "rw")));
        assertThat(sn.view("v", "c", GC_ROOT)).containsExactly(Mount.of("bind", dir("1"), List.of("rbind", "ro")));
    }

    @Test
    void prepare_copies_the_parents_tree_so_changes_do_not_reach_it() throws IOException {
        sn.prepare("p", "", GC_ROOT);
        Files.writeString(Path.of(dir("1")).resolve("file"), "parent");
        sn.commit("c", "p", GC_ROOT);
        sn.prepare("child", "c", GC_ROOT);

        Path copy = Path.of(dir("2")).resolve("file");
        assertThat(copy).hasContent("parent");
        Files.writeString(copy, "child");
        assertThat(Path.of(dir("1")).resolve("file")).hasContent("parent");
    }

    @Test
    void usage_of_a_copy_includes_what_came_from_the_parent() throws IOException {
        sn.prepare("p", "", GC_ROOT);
        Files.write(Path.of(dir("1")).resolve("big"), new byte[100_000]);
        sn.commit("c", "p", GC_ROOT);
        sn.prepare("child", "c", GC_ROOT);
        // upstream's native snapshotter measures the whole copy: the parent's files are the child's too
        assertThat(sn.usage("child")).isEqualTo(sn.usage("c"));
    }
}
