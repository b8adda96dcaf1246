package io.jcontainerd.plugins.diff;

import static io.jcontainerd.plugins.diff.Sandbox.SYS;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.sys.FileStat;
import io.jcontainerd.sys.RawPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fidelity: what a well-formed layer asks for is exactly what ends up on disk. */
class LayerApplierTest {
    private static final String T = "mtime=" + Layer.MTIME;

    @TempDir
    Path tmp;
    private Sandbox box;

    @BeforeEach
    void setUp() throws Exception {
        box = new Sandbox(tmp);
    }

    @Test
    void everyEntryTypeLandsWithItsTypeModeOwnerTargetXattrsAndTimes() throws Exception {
        Instant subSecond = Instant.parse("2021-05-06T07:08:09.1234567Z"); // commons-compress writes 100 ns ticks
        Layer layer = Layer.tar()
                .dir("bin", 0755)
                .file("bin/busybox", "#!busybox", 0755)
                .link("bin/ls", "bin/busybox").with(e -> e.setMode(0755))
                .symlink("bin/sh", "busybox")
                .file("bin/su", "su", 04755)
                .dir("dev", 0755)
                .charDevice("dev/null", 1, 3, 0666)
                .blockDevice("dev/sda", 8, 0, 0660).owner(0, 6)
                .dir("etc", 0755)
                .file("etc/passwd", "root:x:0:0", 0644)
                .symlink("etc/localtime", "/usr/share/zoneinfo/UTC").owner(5, 6)
                .dir("home", 0755)
                .dir("home/user", 0700).owner(1000, 1000)
                .file("home/user/notes", "hi there", 0640).owner(1000, 1000).xattr("user.note", "hi").mtime(subSecond)
                .dir("run", 0755)
                .fifo("run/fifo", 0600)
                .dir("shared", 02775).owner(0, 100)
                .dir("tmp", 01777);

        long size = box.apply(layer);

        Map<String, String> tree = box.tree();
        tree.remove(".");
        assertThat(tree).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("bin", "dir 0755 0:0 " + T),
                entry("bin/busybox", "file 0755 0:0 size=9 sha=" + Trees.sha("#!busybox") + " nlink=2 " + T),
                entry("bin/ls", "file 0755 0:0 size=9 sha=" + Trees.sha("#!busybox") + " nlink=2 " + T),
                entry("bin/sh", "symlink 0777 0:0 -> busybox " + T),
                entry("bin/su", "file 4755 0:0 size=2 sha=" + Trees.sha("su") + " nlink=1 " + T),
                entry("dev", "dir 0755 0:0 " + T),
                entry("dev/null", "char 0666 0:0 dev=1:3 " + T),
                entry("dev/sda", "block 0660 0:6 dev=8:0 " + T),
                entry("etc", "dir 0755 0:0 " + T),
                entry("etc/passwd", "file 0644 0:0 size=10 sha=" + Trees.sha("root:x:0:0") + " nlink=1 " + T),
                entry("etc/localtime", "symlink 0777 5:6 -> /usr/share/zoneinfo/UTC " + T),
                entry("home", "dir 0755 0:0 " + T),
                entry("home/user", "dir 0700 1000:1000 " + T),
                entry("home/user/notes", "file 0640 1000:1000 size=8 sha=" + Trees.sha("hi there")
                        + " nlink=1 xattrs[user.note=6869;] mtime=" + subSecond),
                entry("run", "dir 0755 0:0 " + T),
                entry("run/fifo", "fifo 0600 0:0 " + T),
                entry("shared", "dir 2775 0:100 " + T),
                entry("tmp", "dir 1777 0:0 " + T)));
        assertThat(size).as("sum of entry sizes").isEqualTo(9 + 2 + 10 + 8);
        box.assertOutsideUntouched();
    }

    @Test
    void binaryXattrsNanosecondTimesLongAndNonUtf8NamesAreKeptByteForByte() throws Exception {
        byte[] capability = HexFormat.of().parseHex("0000000200200000000000000000000000000000");
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9};
        String longName = "d/" + "n".repeat(200);
        byte[] tar = RawTar.tar()
                .header("d/", '5', 0, 0755, 0, 0, "")
                .pax("SCHILY.xattr.security.capability", capability, "SCHILY.xattr.user.raw", new byte[] {0, (byte) 0xff})
                .header("d/ping", '0', 4, 04711, 0, 0, "").data("ping".getBytes(StandardCharsets.UTF_8))
                .pax("path", longName, "mtime", "1620284889.123456789", "atime", "1620284890.5")
                .header("ignored", '0', 0, 0644, 0, 0, "")
                .pax("path", concat("d/".getBytes(StandardCharsets.UTF_8), latin1))
                .header("ignored2", '2', 0, 0777, 0, 0, "x//y/")
                .end().bytes();

        box.apply(new ByteArrayInputStream(tar), ApplyOptions.directory());

        RawPath ping = RawPath.of(box.inRoot("d/ping"));
        assertThat(SYS.lgetxattr(ping, "security.capability")).contains(capability);
        assertThat(SYS.lgetxattr(ping, "user.raw")).contains(new byte[] {0, (byte) 0xff});
        assertThat(SYS.lstat(ping).permissions()).isEqualTo(04711);
        FileStat longOne = SYS.lstat(RawPath.of(box.inRoot(longName)));
        assertThat(longOne.mtime()).isEqualTo(Instant.parse("2021-05-06T07:08:09.123456789Z"));
        assertThat(longOne.atime()).as("atime is the later of atime and mtime").isEqualTo(Instant.parse("2021-05-06T07:08:10.5Z"));
        RawPath latinLink = RawPath.of(box.inRoot("d")).resolve(latin1);
        assertThat(SYS.readlink(latinLink)).isEqualTo("x//y/".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void largeFilesArriveWhole() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        box.apply(Layer.tar().file("big", content, 0644));
        assertThat(Files.readAllBytes(box.inRoot("big"))).isEqualTo(content);
    }

    @Test
    void anEntryReplacesWhatIsThereExceptThatDirectoriesMerge() throws Exception {
        box.apply(Layer.tar()
                .dir("a", 0755).file("a/x", "x", 0644)
                .file("b", "b", 0644)
                .dir("target", 0755).file("target/t", "t", 0644)
                .symlink("c", "target")
                .dir("d", 0755).dir("d/e", 0755).file("d/e/y", "y", 0644));
        box.apply(Layer.tar()
                .dir("a", 0700).owner(7, 7)
                .dir("b", 0755)
                .file("c", "now a file", 0600)
                .file("d", "was a tree", 0644));

        Map<String, String> tree = box.tree();
        assertThat(tree.get("a")).isEqualTo("dir 0700 7:7 " + T);
        assertThat(tree).containsKey("a/x");
        assertThat(tree.get("b")).isEqualTo("dir 0755 0:0 " + T);
        assertThat(tree.get("c")).startsWith("file 0600 0:0 size=10");
        assertThat(tree).containsKeys("target", "target/t");
        assertThat(tree.get("d")).startsWith("file 0644");
        assertThat(tree.keySet()).noneMatch(k -> k.startsWith("d/"));
    }

    @Test
    void directoryTimesAreRestoredAfterTheirContents() throws Exception {
        Instant old = Instant.parse("2001-01-01T00:00:00.5Z");
        box.apply(Layer.tar().dir("d", 0755).mtime(old).file("d/a", "a", 0644).dir("d/sub", 0755).mtime(old)
                .file("d/sub/b", "b", 0644));
        assertThat(SYS.lstat(RawPath.of(box.inRoot("d"))).mtime()).isEqualTo(old);
        assertThat(SYS.lstat(RawPath.of(box.inRoot("d/sub"))).mtime()).isEqualTo(old);
    }

    @Test
    void whiteoutsDeleteFilesTreesAndLinksButNotWhatLinksPointAt() throws Exception {
        box.apply(Layer.tar()
                .dir("etc", 0755).file("etc/a", "a", 0644).file("etc/b", "b", 0644)
                .dir("etc/sub", 0755).file("etc/sub/c", "c", 0644)
                .symlink("etc/link", "/etc/b"));
        box.apply(Layer.tar().dir("etc", 0755).whiteout("etc/a").whiteout("etc/sub").whiteout("etc/link"));

        assertThat(box.tree().keySet()).containsExactlyInAnyOrder(".", "etc", "etc/b");
    }

    @Test
    void anOpaqueDirectoryLosesLowerContentAtAnyDepthButKeepsThisLayersEvenWhenTheMarkerComesLate() throws Exception {
        box.apply(Layer.tar()
                .dir("o", 0755).file("o/old", "old", 0644).dir("o/sub", 0755).file("o/sub/old", "old", 0644)
                .dir("other", 0755).file("other/keep", "keep", 0644));
        box.apply(Layer.tar()
                .dir("o", 0755).file("o/!first", "sorted before the marker", 0644)
                .opaque("o")
                .dir("o/sub", 0755).file("o/sub/new", "new", 0644));

        assertThat(box.tree().keySet()).containsExactlyInAnyOrder(".", "o", "o/!first", "o/sub", "o/sub/new",
                "other", "other/keep");
    }

    @Test
    void onAnOverlayUpperDirectoryWhiteoutsBecomeDevicesAndOpaqueAnXattr() throws Exception {
        Path lower = Files.createDirectory(tmp.resolve("lower"));
        new LayerApplier(SYS).apply(lower, Layer.tar()
                .dir("a", 0750).owner(3, 4).xattr("user.k", "v")
                .dir("a/b", 0700).file("a/b/old", "old", 0644).file("a/gone", "gone", 0644).stream(),
                ApplyOptions.directory());
        SYS.lsetxattr(RawPath.of(lower.resolve("a")), "trusted.lower", new byte[] {1}, 0);

        box.apply(Layer.tar()
                .file("a/b/new", "new", 0644)
                .whiteout("a/gone").owner(3, 4)
                .opaque("a/b")
                .stream(), ApplyOptions.overlayUpper(List.of(RawPath.of(lower))));

        Map<String, String> upper = box.tree();
        assertThat(upper.get("a")).as("implied parent copied up from the lower")
                .startsWith("dir 0750 3:4 xattrs[user.k=76;]");
        assertThat(upper.get("a/b")).startsWith("dir 0700 0:0 xattrs[trusted.overlay.opaque=79;]");
        assertThat(upper.get("a/gone")).startsWith("char 0000 3:4 dev=0:0");
        assertThat(upper.get("a/b/new")).startsWith("file 0644 0:0 size=3");
        assertThat(upper).doesNotContainKey("a/b/old");
    }

    @Test
    void withoutLowerDirectoriesImpliedParentsAreRootOwned0755() throws Exception {
        box.apply(Layer.tar().file("x/y/z", "z", 0600).stream(), ApplyOptions.overlayUpper(List.of()));
        assertThat(box.tree().get("x")).startsWith("dir 0755 0:0");
        assertThat(box.tree().get("x/y")).startsWith("dir 0755 0:0");
    }

    @Test
    void devicesCanBeSkippedWhereTheyCannotBeMade() throws Exception {
        box.apply(Layer.tar().charDevice("null", 1, 3, 0666).blockDevice("sda", 8, 0, 0600).fifo("fifo", 0600)
                .stream(), ApplyOptions.directory().withSkipDevices(true));
        assertThat(box.tree().keySet()).containsExactlyInAnyOrder(".", "fifo");
    }

    @Test
    void ownersAreLeftAloneWithoutSameOwner() throws Exception {
        box.apply(Layer.tar().file("f", "f", 0644).owner(123, 456).stream(),
                ApplyOptions.directory().withSameOwner(false));
        assertThat(box.tree().get("f")).startsWith("file 0644 0:0");
    }

    @Test
    void theRootsOwnEntryIsSkippedAndTrailingDataIsRead() throws Exception {
        byte[] tar = Layer.tar().dir("./", 0700).file("./f", "f", 0644).bytes();
        byte[] withJunk = concat(tar, "trailing bytes after the end marker".getBytes(StandardCharsets.UTF_8));
        var in = new ByteArrayInputStream(withJunk);
        box.apply(in, ApplyOptions.directory());
        assertThat(in.available()).as("stream read to its end").isZero();
        assertThat(box.tree().keySet()).containsExactlyInAnyOrder(".", "f");
        assertThat(SYS.lstat(RawPath.of(box.root)).permissions()).isEqualTo(0755);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
