package io.jcontainerd.plugins.diff;

import static io.jcontainerd.plugins.diff.Sandbox.SYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.sys.FileType;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.TreeRemover;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-layer corpus (RELIABILITY.md §2.3, L01-L37 where they concern the applier). Every
 * layer aims at a sentinel directory beside the root; each test ends by checking that nothing
 * outside the root changed, and either where the contained write landed or the error a user sees.
 */
@Timeout(60)
class HostileLayersTest {
    @TempDir
    Path tmp;
    private Sandbox box;
    /** The sentinel directory as an absolute name, e.g. {@code /tmp/junit123/outside}. */
    private String outside;

    @BeforeEach
    void setUp() throws Exception {
        box = new Sandbox(tmp);
        outside = box.outside.toString();
    }

    // --- names that climb out (L01, L02) ---

    @Test
    void l01_relativeNamesThatClimbAboveTheRootAreRefused() throws Exception {
        assertRejected(Layer.tar().file("../outside/secret", "pwned", 0644), "name \"../outside/secret\" escapes the root");
        assertRejected(Layer.tar().file("a/../../outside/secret", "pwned", 0644), "escapes the root");
        assertRejected(Layer.tar().symlink("..", "/"), "name \"..\" escapes the root");
    }

    @Test
    void l02_absoluteNamesAreInsideTheRoot() throws Exception {
        box.apply(Layer.tar().file(box.secret(), "pwned", 0644));
        assertThat(Files.readString(box.inRoot(box.secret().substring(1)))).isEqualTo("pwned");
        box.assertOutsideUntouched();
    }

    // --- writing through symlinks (L03-L05, L10, L36) ---

    @Test
    void l03_anAbsoluteSymlinkThenAWriteThroughItLandsInsideTheRoot() throws Exception {
        box.apply(Layer.tar().symlink("a", outside).file("a/secret", "pwned", 0644));
        assertThat(Files.readString(box.inRoot(outside.substring(1) + "/secret"))).isEqualTo("pwned");
        box.assertOutsideUntouched();
    }

    @Test
    void l04_aRelativeSymlinkClimbingOutIsClampedAtTheRoot() throws Exception {
        box.apply(Layer.tar().symlink("a", "../../../../../../outside").file("a/secret", "pwned", 0644));
        assertThat(Files.readString(box.inRoot("outside/secret"))).isEqualTo("pwned");
        box.assertOutsideUntouched();
    }

    @Test
    void l05_upAndOutThroughAMissingDirectoryIsClamped() throws Exception {
        box.apply(Layer.tar().symlink("a", "etc/../../upandout").dir("a/x", 0755));
        assertThat(box.inRoot("upandout/x")).isDirectory();
        assertThat(box.tree().keySet()).as("link targets are cleaned lexically, as upstream: no etc/ made on the way")
                .containsExactlyInAnyOrder(".", "a", "upandout", "upandout/x");
        box.assertOutsideUntouched();
    }

    @Test
    void l10_aDirectoryReplacedByASymlinkToSlashThenWrittenThroughStaysInside() throws Exception {
        box.apply(Layer.tar()
                .dir("foo", 0755).dir("foo/tmp", 0755).file("foo/tmp/x", "1", 0644)
                .symlink("foo", "/")
                .file("foo" + box.secret(), "pwned", 0644)
                .file("foo/tmp/x", "2", 0644));
        assertThat(Files.readString(box.inRoot(box.secret().substring(1)))).isEqualTo("pwned");
        assertThat(Files.readString(box.inRoot("tmp/x"))).isEqualTo("2");
        box.assertOutsideUntouched();
    }

    @Test
    void l36_symlinksIntoProcResolveInsideTheRoot() throws Exception {
        box.apply(Layer.tar()
                .dir("dev", 0755).symlink("dev/fd", "/proc/self/fd").file("dev/fd/3", "not a descriptor", 0644)
                .symlink("root-of-self", "/proc/self/root").dir("root-of-self" + outside + "/dir/x", 0755));
        assertThat(Files.readString(box.inRoot("proc/self/fd/3"))).isEqualTo("not a descriptor");
        assertThat(box.inRoot("proc/self/root" + outside + "/dir/x")).isDirectory();
        box.assertOutsideUntouched();
        // inside the root, /proc/self is whatever the layer made it: here a link to itself, a loop
        assertRejected(Layer.tar().dir("proc", 0555).symlink("proc/self", "/proc/self").file("proc/self/x", "", 0644),
                "too many levels of symbolic links");
    }

    @Test
    void aDirectoryWithContentReplacedBySymlinkToOutsideThenWrittenThrough() throws Exception {
        box.apply(Layer.tar().dir("d", 0755).file("d/x", "x", 0644).symlink("d", outside)
                .file("d/secret", "pwned", 0644).file("d/dir/new", "new", 0644));
        assertThat(Files.readString(box.inRoot(outside.substring(1) + "/secret"))).isEqualTo("pwned");
        box.assertOutsideUntouched();
    }

    @Test
    void symlinkLoopsAreRefused() throws Exception {
        assertRejected(Layer.tar().symlink("a", "b").symlink("b", "a").file("a/x", "x", 0644),
                "too many levels of symbolic links");
    }

    @Test
    void aFileCannotBeAParent() throws Exception {
        assertRejected(Layer.tar().file("f", "f", 0644).file("f/x", "x", 0644), "/f is not a directory");
    }

    // --- hardlinks (L06-L09, L35) ---

    @Test
    void l06_aHardlinkToAnAbsoluteHostPathNamesNothingInsideAndIsRefused() throws Exception {
        assertRejected(Layer.tar().link("pw", box.secret()), "hardlink target \"" + box.secret() + "\" not found");
        assertThat(Files.getAttribute(box.outside.resolve("secret"), "unix:nlink")).isEqualTo(1);
    }

    @Test
    void l07_aHardlinkClimbingAboveTheRootIsRefused() throws Exception {
        assertRejected(Layer.tar().link("pw", "../outside/secret"), "hardlink target \"../outside/secret\" escapes the root");
    }

    @Test
    void aHardlinkThroughASymlinkToOutsideIsResolvedInsideAndRefused() throws Exception {
        assertRejected(Layer.tar().symlink("d", outside).link("h", "d/secret"), "hardlink target \"d/secret\" not found");
    }

    @Test
    void l08_aHardlinkToASymlinkIsASecondNameOfTheSymlink() throws Exception {
        box.apply(Layer.tar().symlink("l", box.secret()).link("h", "l"));
        var l = SYS.lstat(RawPath.of(box.inRoot("l")));
        var h = SYS.lstat(RawPath.of(box.inRoot("h")));
        assertThat(h.type()).isEqualTo(FileType.SYMLINK);
        assertThat(h.ino()).isEqualTo(l.ino());
        assertThat(h.nlink()).isEqualTo(2);
        box.assertOutsideUntouched();
    }

    @Test
    void l09_modesFromAHardlinkToASymlinkNeverReachTheLinkTarget() throws Exception {
        box.apply(Layer.tar().symlink("ep", box.secret()).link("s", "ep").with(e -> e.setMode(0777)));
        box.assertOutsideUntouched(); // the sentinel keeps 0600
    }

    @Test
    void l35_aHardlinkToAFileThatComesLaterIsRefused() throws Exception {
        assertRejected(Layer.tar().link("early", "late").file("late", "x", 0644), "hardlink target \"late\" not found");
    }

    @Test
    void aHardlinkToADirectoryIsRefused() throws Exception {
        assertRejected(Layer.tar().dir("d", 0755).link("h", "d"), "hardlink target \"d\" is a directory");
    }

    // --- whiteouts (L12-L14) ---

    @Test
    void l12_whiteoutsOfDotNamesAreRefused() throws Exception {
        box.apply(Layer.tar().dir("etc", 0755).file("etc/passwd", "inside", 0644));
        for (String name : new String[] {".wh..", ".wh...", "etc/.wh..", "etc/.wh...", ".wh."}) {
            assertThatThrownBy(() -> box.apply(Layer.tar().file(name, "", 0644)))
                    .as(name)
                    .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                    .hasMessageContaining("invalid whiteout name");
            assertThat(Files.readString(box.inRoot("etc/passwd"))).isEqualTo("inside");
        }
        box.assertOutsideUntouched();
    }

    @Test
    void l13_aWhiteoutOfASymlinkRemovesTheLinkOnly() throws Exception {
        box.apply(Layer.tar().symlink("link", outside).symlink("filelink", box.secret()));
        box.apply(Layer.tar().whiteout("link").whiteout("filelink"));
        assertThat(box.tree().keySet()).containsExactly(".");
        box.assertOutsideUntouched();
    }

    @Test
    void l14_anOpaqueMarkerReachedThroughASymlinkOnlyEmptiesInsideTheRoot() throws Exception {
        box.apply(Layer.tar().file("keep", "lower", 0644).symlink("out", outside));
        box.apply(Layer.tar().symlink("s", "/").opaque("s").opaque("out"));
        assertThat(box.tree().keySet()).as("lower content of the root is gone, this layer's link and the clamped dir stay")
                .contains("s").doesNotContain("keep");
        box.assertOutsideUntouched();
    }

    @Test
    void whiteoutsThroughASymlinkToOutsideDeleteOnlyInside() throws Exception {
        box.apply(Layer.tar().symlink("d", outside).whiteout("d/secret").whiteout("d/dir"));
        box.assertOutsideUntouched();
    }

    // --- devices, owners, xattrs (L16-L18, L20, L22) ---

    @Test
    void l16_deviceNumbersOutOfRangeAreRefusedNotTruncated() throws Exception {
        assertRejected(RawTar.tar().headerWithBinary("dev/big", '3', 329, 8, 1L << 40).end().stream(),
                "device number 1099511627776:0 out of range");
        assertRejected(RawTar.tar().headerWithBinary("dev/neg", '3', 337, 8, -1).end().stream(),
                "device number 0:-1 out of range");
    }

    @Test
    void l17_aFifoWhereAFileIsExpectedIsJustAFifo() throws Exception {
        box.apply(Layer.tar().dir("etc", 0755).fifo("etc/passwd", 0644));
        assertThat(SYS.lstat(RawPath.of(box.inRoot("etc/passwd"))).type()).isEqualTo(FileType.FIFO);
    }

    @Test
    void l18_trustedXattrsFromALayerAreNeverSet() throws Exception {
        box.apply(Layer.tar().dir("d", 0755).xattr("trusted.overlay.opaque", "y")
                .xattr("trusted.overlay.redirect", "/etc").xattr("user.ok", "1"));
        assertThat(SYS.llistxattr(RawPath.of(box.inRoot("d")))).containsExactly("user.ok");
    }

    @Test
    void l20_userXattrsOnASymlinkAreIgnored() throws Exception {
        box.apply(Layer.tar().symlink("l", "target").xattr("user.x", "1"));
        assertThat(SYS.llistxattr(RawPath.of(box.inRoot("l")))).isEmpty();
    }

    @Test
    void l22_idsThatWouldWrapAreRefusedLargeValidOnesKept() throws Exception {
        box.apply(Layer.tar().file("big", "", 0644).owner(1L << 31, 1L << 31));
        assertThat(SYS.lstat(RawPath.of(box.inRoot("big"))).uid()).isEqualTo(1L << 31);
        assertRejected(Layer.tar().file("neg", "", 0644).with(e -> e.addPaxHeader("uid", "-1")), "uid/gid -1:0 out of range");
        assertRejected(Layer.tar().file("wrap", "", 0644).with(e -> e.addPaxHeader("gid", Long.toString((1L << 32) + 5))),
                "uid/gid 0:4294967301 out of range");
    }

    // --- sizes and structure (L23-L28, L33) ---

    @Test
    void l23_aHugeNameOrADeepTreeFailsCleanly() throws Exception {
        assertRejected(Layer.tar().file("n".repeat(5000), "", 0644), "ENAMETOOLONG");
        assertRejected(Layer.tar().file("a/".repeat(3000) + "f", "", 0644), "ENAMETOOLONG");
        // the tree made before the name grew too long is deeper than Java's own file walking can delete
        new TreeRemover(SYS).removeAll(RawPath.of(box.inRoot("a")));
        assertThat(box.tree().keySet()).containsExactly(".");
    }

    @Test
    void l24_aHugeDeclaredSizeOrPaxHeaderFailsFastWithoutAllocating() throws Exception {
        assertRejected(RawTar.tar().pax("size", Long.toString(Long.MAX_VALUE)).header("f", '0', 0, 0644, 0, 0, "")
                .data(new byte[512]).end().stream(), "unexpected EOF in entry data");
        assertRejected(RawTar.tar().header("PaxHeaders/x", 'x', 1L << 31, 0644, 0, 0, "").stream(),
                "PAX header of 2147483648 bytes exceeds the limit of 1048576");
    }

    @Test
    void l25_aTruncatedTarIsRefused() throws Exception {
        assertRejected(RawTar.tar().header("f", '0', 1000, 0644, 0, 0, "").raw(new byte[100]).stream(),
                "unexpected EOF in entry data");
        assertRejected(RawTar.tar().header("f", '0', 0, 0644, 0, 0, "").raw(new byte[100]).stream(),
                "unexpected EOF in a header");
    }

    @Test
    void l26_aBadChecksumIsRefusedButTrailingJunkAndAMissingEndMarkerAreNot() throws Exception {
        assertRejected(RawTar.tar().header("f", '0', 0, 0644, 0, 0, "").corruptChecksum().end().stream(),
                "header checksum mismatch");
        box.apply(RawTar.tar().header("a", '0', 0, 0644, 0, 0, "").end().raw("junk".repeat(200).getBytes(StandardCharsets.UTF_8))
                .stream(), ApplyOptions.directory());
        box.apply(RawTar.tar().header("b", '0', 0, 0644, 0, 0, "").stream(), ApplyOptions.directory());
        assertThat(box.tree()).containsKeys("a", "b");
        assertRejected(RawTar.tar().raw(new byte[512]).header("c", '0', 0, 0644, 0, 0, "").stream(),
                "non-zero block after a zero block");
    }

    @Test
    void l27_theSamePathManyTimesEndsAsTheLastEntryWithoutLeakingDescriptors() throws Exception {
        Layer layer = Layer.tar();
        for (int i = 0; i < 500; i++) {
            layer.file("p", "file " + i, 0644).dir("p", 0755).file("p/child", "c", 0644).symlink("p", "target" + i);
        }
        layer.file("p", "last", 0600);
        long fdsBefore = openDescriptors();
        box.apply(layer);
        assertThat(openDescriptors()).isEqualTo(fdsBefore);
        assertThat(box.tree().keySet()).containsExactlyInAnyOrder(".", "p");
        assertThat(Files.readString(box.inRoot("p"))).isEqualTo("last");
    }

    @Test
    void l28_theEntryCountIsCapped() throws Exception {
        Layer layer = Layer.tar();
        for (int i = 0; i < 200; i++) {
            layer.file("f" + i, "", 0644);
        }
        assertThatThrownBy(() -> box.apply(layer.stream(), ApplyOptions.directory().withLimits(Long.MAX_VALUE, 100)))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED))
                .hasMessage("layer has more than 100 entries: resource exhausted");
    }

    @Test
    void l29_aGzipBombStopsAtTheByteLimit() throws Exception {
        byte[] tarHead = RawTar.tar().header("zeros", '0', 1L << 36, 0644, 0, 0, "").bytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tarHead);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        assertThat(gz.size()).isLessThan(1 << 20);
        InputStream layer = LayerCompression.decompressed(new ByteArrayInputStream(gz.toByteArray()));
        assertThatThrownBy(() -> box.apply(layer, ApplyOptions.directory().withLimits(8 << 20, Long.MAX_VALUE)))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED))
                .hasMessageContaining("layer is larger than the limit of 8388608 uncompressed bytes");
        box.assertOutsideUntouched();
    }

    @Test
    void l33_sparseAndUnknownEntryTypesAreRefused() throws Exception {
        assertRejected(RawTar.tar().header("sparse", 'S', 0, 0644, 0, 0, "").end().stream(),
                "unhandled tar header type 83 ('S') for \"sparse\"");
        assertRejected(RawTar.tar().header("zed", 'Z', 0, 0644, 0, 0, "").end().stream(),
                "unhandled tar header type 90 ('Z')");
        assertRejected(RawTar.tar().pax("GNU.sparse.map", "0,10").header("f", '0', 0, 0644, 0, 0, "").end().stream(),
                "sparse files are not supported");
    }

    @Test
    void nulBytesInNamesAreRefused() throws Exception {
        assertRejected(RawTar.tar().pax("path", "a\0b").header("x", '0', 0, 0644, 0, 0, "").end().stream(),
                "NUL in PAX record path");
    }

    @Test
    void theErrorNamesTheEntry() throws Exception {
        assertThatThrownBy(() -> box.apply(Layer.tar().dir("ok", 0755).link("bad/entry", "missing")))
                .hasMessage("apply layer entry \"bad/entry\": hardlink target \"missing\" not found in the layer or below it: invalid argument");
    }

    private void assertRejected(Layer layer, String message) throws IOException {
        assertRejected(layer.stream(), message);
    }

    private void assertRejected(InputStream tar, String message) throws IOException {
        ThrowingCallable apply = () -> box.apply(tar, ApplyOptions.directory());
        assertThatThrownBy(apply)
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining(message);
        box.assertOutsideUntouched();
    }

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
