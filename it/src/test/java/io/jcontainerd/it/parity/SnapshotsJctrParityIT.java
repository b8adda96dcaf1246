package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jctr's {@code snapshots} commands against Debian's ctr, both on containerd (subclasses change the
 * pairing), on each snapshotter: prepare, view, commit, list, info, label, tree, mounts (paths
 * under the daemon's root read alike, {@code --target}), usage and remove with containerd's
 * errors, the command aliases, help on wrong argument counts, the namespace's
 * default snapshotter, {@code unpack} of an imported image and {@code diff} of its layers.
 * Timestamps and padding differ between the sides and are normalised away.
 */
class SnapshotsJctrParityIT extends DaemonParityBase {
    static final String REF = "example.com/parity/snap:v1";
    static final String TAR = "application/vnd.oci.image.layer.v1.tar";

    @TempDir
    static Path dir;
    static Path archive;
    static TestImages.Blob manifest;

    @BeforeAll
    static void makeArchive() throws IOException {
        Path layout = dir.resolve("layout");
        manifest = TestImages.ociLayout(layout, "v1", List.of(
                Map.of("etc/hostname", "snap\n", "bin/hello", "#!/bin/sh\necho hello\n"),
                Map.of("etc/motd", "second layer\n", "etc/hostname", "changed\n")));
        archive = dir.resolve("snap.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + archive + ":" + REF);
    }

    static String normalized(String text) {
        return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>").replaceAll("[ \t]+", " ");
    }

    /** For {@code content ls}: ages and times normalised, and the labels sorted (ctr prints them in Go's random map order). */
    static String withSortedLabels(String text) {
        return normalized(text).replaceAll("\\d+ seconds?|Less than a second|About a minute", "<age>").lines()
                .map(line -> {
                    int last = line.lastIndexOf(' ');
                    return line.substring(0, last + 1) + String.join(",", Arrays.stream(line.substring(last + 1).split(","))
                            .sorted().toList());
                })
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** {@code -n <ns> snapshots [--snapshotter <sn>] <args>} on both sides; {@code sn} null: no flag. */
    ProcessResult snapshotsIn(String namespace, String snapshotter, String... args) {
        List<String> command = new ArrayList<>(List.of("-n", namespace, "snapshots"));
        if (snapshotter != null) {
            command.addAll(List.of("--snapshotter", snapshotter));
        }
        command.addAll(List.of(args));
        return parity.assertSame(SnapshotsJctrParityIT::normalized, command.toArray(String[]::new));
    }

    private ProcessResult snapshots(String snapshotter, String... args) {
        return snapshotsIn("sj-" + (snapshotter.isEmpty() ? "default" : snapshotter), snapshotter, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlayfs", "native"})
    void lifecycle(String sn) {
        parity.collectGarbageOnBoth();
        assertThat(snapshots(sn, "prepare", "base-active", "").exitCode()).isZero();
        snapshots(sn, "prepare", "--mounts", "other", "");
        snapshots(sn, "prepare", "base-active", "");
        snapshots(sn, "commit", "base", "base-active");
        snapshots(sn, "commit", "base", "other");
        snapshots(sn, "commit", "x", "absent");
        assertThat(snapshots(sn, "prepare", "--mounts", "-t", "/mnt", "child", "base").stdout()).startsWith("mount -t ");
        assertThat(snapshots(sn, "view", "--mounts", "look", "base").stdout()).startsWith("[\n {\n \"Type\": ");
        snapshots(sn, "view", "--target", "/mnt/look", "look2", "base");
        snapshots(sn, "view", "look3", "");
        snapshots(sn, "prepare", "orphan", "absent");
        snapshots(sn, "view", "look", "base");
        snapshots(sn, "ls");
        snapshots(sn, "list", "ignored");
        assertThat(snapshots(sn, "info", "base").stdout()).contains("\"Kind\": \"Committed\"").contains("containerd.io/gc.root");
        snapshots(sn, "info", "child");
        snapshots(sn, "info", "look");
        snapshots(sn, "info", "absent");
        // not compared: ctr prints several labels in Go's random map order; info shows them sorted
        parity.ctrOnBoth("-n", "sj-" + sn, "snapshots", "--snapshotter", sn, "label", "base", "team=infra");
        parity.ctrOnBoth("-n", "sj-" + sn, "snapshots", "--snapshotter", sn, "label", "base", "b=<&>");
        snapshots(sn, "info", "base");
        snapshots(sn, "label", "base", "team=", "b=");
        snapshots(sn, "label", "look", "only");
        snapshots(sn, "label", "look");
        snapshots(sn, "label", "absent", "a=1");
        snapshots(sn, "label");
        snapshots(sn, "tree");
        snapshots(sn, "mounts", "/mnt", "child");
        snapshots(sn, "m", "/mnt", "look");
        snapshots(sn, "mount", "/mnt", "absent");
        snapshots(sn, "usage");
        snapshots(sn, "usage", "-b");
        snapshots(sn, "usage", "base", "child");
        snapshots(sn, "usage", "base", "absent");
        // each removal sets off a collection, which takes the views (ctr gives them no gc.root) at a
        // moment that differs between the sides: collect them on both now, before removing anything
        parity.collectGarbageOnBoth();
        snapshots(sn, "ls");
        snapshots(sn, "rm", "base");
        snapshots(sn, "rm", "child", "look", "other");
        snapshots(sn, "del", "absent", "other");
        // not base: containerd's collection of its view look2 leaves the view in base's children, so
        // containerd refuses to remove base from now on, where our daemon lets it go
        snapshots(sn, "remove", "other");
        snapshots(sn, "rm");
        snapshots(sn, "ls");
        snapshots(sn, "tree");
        parity.collectGarbageOnBoth();
    }

    @ParameterizedTest
    @ValueSource(strings = {"prepare", "view", "prepare a b c", "commit a", "info", "info a b", "mounts a",
        "mounts a b c", "diff"})
    void wrongArgumentsShowHelpOrFail(String args) {
        snapshots("native", args.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zfs", ""})
    void unknownOrEmptySnapshotter(String sn) {
        snapshots(sn, "ls");
        snapshots(sn, "prepare", "k", "");
        snapshots(sn, "usage");
        snapshots(sn, "tree");
        snapshots(sn, "rm", "k");
        parity.collectGarbageOnBoth();
    }

    /**
     * Without the flag ctr ends up on overlayfs even where the namespace names another default
     * (it asks for the label without a namespace); only {@code unpack} follows the label.
     */
    @Test
    void withoutTheFlagOnlyUnpackFollowsTheNamespaceLabel() {
        String ns = "sj-labelled";
        parity.ctrOnBoth("namespaces", "create", ns, "containerd.io/defaults/snapshotter=native");
        snapshotsIn(ns, null, "prepare", "k", "");
        snapshotsIn(ns, "native", "ls");
        snapshotsIn(ns, "overlayfs", "ls");
        snapshotsIn(ns, null, "info", "k");
        snapshotsIn(ns, null, "rm", "k");
        parity.ctrOnBoth("-n", ns, "images", "import", "--no-unpack", archive.toString());
        snapshotsIn(ns, null, "unpack", manifest.digest());
        assertThat(snapshotsIn(ns, "native", "ls").stdout().lines()).hasSize(3);
        snapshotsIn(ns, "overlayfs", "ls");
        parity.ctrOnBoth("-n", ns, "images", "rm", "--sync", REF);
        // a namespace that does not exist
        snapshotsIn("sj-absent", null, "ls");
        snapshotsIn("sj-absent", null, "prepare", "k", "");
        parity.collectGarbageOnBoth();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlayfs", "native"})
    void unpackThenDiff(String sn) {
        String ns = "sj-unpack-" + sn;
        parity.ctrOnBoth("-n", ns, "images", "import", "--no-unpack", archive.toString());
        snapshotsIn(ns, null, "unpack", "--snapshotter", sn, "sha256:" + "0".repeat(64));
        snapshotsIn(ns, null, "unpack", "--snapshotter", sn, "sha256:abc");
        snapshotsIn(ns, null, "unpack", "--snapshotter", sn, "nope");
        ProcessResult unpack = snapshotsIn(ns, null, "unpack", "--snapshotter", sn, manifest.digest());
        assertThat(unpack.stdout()).isEqualTo("unpacking " + manifest.digest() + " (application/vnd.oci.image.manifest.v1+json)...done\n");
        // again, with the debug log: the layers are there already
        assertThat(parity.assertSame(SnapshotsJctrParityIT::normalized, "--debug", "-n", ns, "snapshots", "unpack",
                "--snapshotter", sn, manifest.digest()).stderr()).contains("level=debug msg=\"unpacking layers from manifest ");
        List<String> rows = snapshotsIn(ns, sn, "ls").stdout().lines().skip(1).toList();
        assertThat(rows).hasSize(2);
        String top = rows.stream().filter(r -> r.split(" ")[1].startsWith("sha256:")).findFirst().orElseThrow().split(" ")[0];
        snapshotsIn(ns, sn, "tree");
        snapshotsIn(ns, sn, "usage", "-b");
        snapshotsIn(ns, sn, "info", top);
        // the import's lease is gone: what it held alone (the archive's index) goes at a collection
        parity.collectGarbageOnBoth();
        parity.assertSame("-n", ns, "content", "ls", "-q");

        assertThat(diff(ns, sn, top).stdout()).as("a gzip stream").matches("(?s)\u001f.+|<gzip stream>");
        assertThat(diff(ns, sn, "--media-type", TAR, top).stdout())
                .contains("etc/motd").contains("second layer\n").contains("changed\n").doesNotContain("bin/hello");
        diff(ns, sn, "--media-type", TAR, top, top);
        snapshotsIn(ns, sn, "prepare", "work", top);
        diff(ns, sn, "work");
        diff(ns, sn, "--media-type", TAR, "work");
        diff(ns, sn, "--media-type", TAR, "work", top);
        diff(ns, sn, "absent");
        diff(ns, sn, top, "absent");
        diff(ns, sn, "--media-type", "application/x-bogus", top);
        // views used by a diff are gone afterwards, and so (after a collection) is the blob without --keep
        snapshotsIn(ns, sn, "ls");
        parity.collectGarbageOnBoth();
        parity.assertSame("-n", ns, "content", "ls", "-q");
        diff(ns, sn, "--keep", "--label", "team=infra", "--ref", "my-diff", "--media-type", TAR, top);
        parity.collectGarbageOnBoth();
        assertThat(parity.assertSame(SnapshotsJctrParityIT::withSortedLabels, "-n", ns, "content", "ls").stdout())
                .containsPattern("team=infra\n");
        snapshotsIn(ns, sn, "rm", "work");
        parity.ctrOnBoth("-n", ns, "images", "rm", "--sync", REF);
        parity.collectGarbageOnBoth();
    }

    /**
     * {@code snapshots diff} on both sides: the layer's bytes on stdout. Where containerd's differ
     * writes both sides, they are the same bytes; our differ compresses with another deflate
     * implementation than Go's, so against it a gzip layer only has to be one (the uncompressed
     * diffs compare the bytes).
     */
    ProcessResult diff(String namespace, String snapshotter, String... args) {
        List<String> command = new ArrayList<>(List.of("-n", namespace, "snapshots", "--snapshotter", snapshotter, "diff"));
        command.addAll(List.of(args));
        UnaryOperator<String> gzip = parity.pairing().jcontainerd
                ? text -> text.startsWith("\u001f\ufffd\b") ? "<gzip stream>" : text
                : UnaryOperator.identity();
        return parity.assertSame(text -> normalized(gzip.apply(text)), command.toArray(String[]::new));
    }
}
