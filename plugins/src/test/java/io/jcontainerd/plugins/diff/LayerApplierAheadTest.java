package io.jcontainerd.plugins.diff;

import static io.jcontainerd.plugins.diff.Sandbox.SYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.sys.RawPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer applied ahead of its lowers and adopted later ends up as one applied onto the upper directory. */
class LayerApplierAheadTest {
    @TempDir
    Path tmp;

    @Test
    void appliedAheadThenAdoptedIsWhatApplyingOntoTheUpperDirectoryGives() throws Exception {
        Sandbox.requireRoot();
        Path lower = Files.createDirectory(tmp.resolve("lower"));
        new LayerApplier(SYS).apply(lower, Layer.tar()
                .dir("a", 0750).owner(3, 4).xattr("user.k", "v")
                .dir("a/b", 0700).file("a/b/old", "old", 0644).file("a/gone", "gone", 0644)
                .dir("c", 0700).owner(7, 8)
                .symlink("lib", "usr/lib").stream(), ApplyOptions.directory());
        Layer layer = Layer.tar()
                .file("a/b/new", "new", 0644)
                .whiteout("a/gone").owner(3, 4)
                .opaque("a/b")
                .file("c/d/file", "f", 0600)
                .dir("c", 0755).owner(1, 2)
                .file("lib/x", "x", 0644)
                .file("e/f/g", "g", 0644)
                .link("e/h", "e/f/g")
                .opaque("");

        Path direct = upper("direct");
        new LayerApplier(SYS).apply(direct, layer.stream(), ApplyOptions.overlayUpper(List.of(RawPath.of(lower))));

        Path staging = Files.createDirectory(tmp.resolve("staging"));
        LayerApplier.StagedTree staged = new LayerApplier(SYS).applyAhead(staging, layer.stream(),
                ApplyOptions.overlayUpper(List.of()));
        Path adopted = upper("adopted");
        new LayerApplier(SYS).adopt(staged, adopted, List.of(RawPath.of(lower)));

        assertThat(withoutDirectoryTimes(adopted)).isEqualTo(withoutDirectoryTimes(direct));
        assertThat(withoutDirectoryTimes(adopted).get("a")).startsWith("dir 0750 3:4 xattrs[user.k=76;]");
        assertThat(withoutDirectoryTimes(adopted).get(".")).startsWith("dir 0711 5:6 xattrs[trusted.overlay.opaque=79;]");
        assertThat(staging).isEmptyDirectory();
    }

    @Test
    void aLayerWithoutWhiteoutsAppliedAheadIsWhatApplyingOntoADirectoryGives() throws Exception {
        Sandbox.requireRoot();
        Layer layer = Layer.tar()
                .file("x/y/z", "z", 0600)
                .dir("bin", 0755).owner(1, 2).xattr("user.k", "v")
                .symlink("bin/sh", "busybox")
                .file("bin/busybox", "#!busybox", 0755)
                .link("bin/ls", "bin/busybox");
        Path direct = upper("direct");
        new LayerApplier(SYS).apply(direct, layer.stream(), ApplyOptions.directory());

        Path staging = Files.createDirectory(tmp.resolve("staging"));
        LayerApplier.StagedTree staged = new LayerApplier(SYS).applyAhead(staging, layer.stream(),
                ApplyOptions.overlayUpper(List.of()));
        Path adopted = upper("adopted");
        new LayerApplier(SYS).adopt(staged, adopted, List.of());

        assertThat(staged.whiteouts()).isFalse();
        assertThat(withoutDirectoryTimes(adopted)).isEqualTo(withoutDirectoryTimes(direct));
    }

    @Test
    void aLayerWithWhiteoutsSaysSo() throws Exception {
        Sandbox.requireRoot();
        Path staging = Files.createDirectory(tmp.resolve("staging"));
        assertThat(new LayerApplier(SYS).applyAhead(staging, Layer.tar().dir("d", 0755).opaque("d").stream(),
                ApplyOptions.overlayUpper(List.of())).whiteouts()).isTrue();
    }

    /** An empty upper directory as the snapshotter makes it, with an owner and mode of its own. */
    private Path upper(String name) throws Exception {
        Path upper = Files.createDirectory(tmp.resolve(name));
        SYS.lchown(RawPath.of(upper), 5, 6);
        SYS.lchmod(RawPath.of(upper), 0711);
        return upper;
    }

    /** The mtimes of directories and whiteouts tell when they were made, not what the layer says. */
    private static Map<String, String> withoutDirectoryTimes(Path root) throws Exception {
        Map<String, String> tree = new TreeMap<>();
        Trees.describe(SYS, root).forEach((k, v) -> tree.put(k,
                v.startsWith("dir ") || v.startsWith("char 0000") ? v.replaceAll(" mtime=\\S+", "") : v));
        return tree;
    }
}
