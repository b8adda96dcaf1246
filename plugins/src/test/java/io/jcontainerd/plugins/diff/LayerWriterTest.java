package io.jcontainerd.plugins.diff;

import static io.jcontainerd.plugins.diff.Sandbox.SYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.sys.RawPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diff then apply gives back the upper tree; the diff holds only what changed, as upstream writes it. */
class LayerWriterTest {
    private static final byte[] CAPABILITY = HexFormat.of().parseHex("0100000200200000000000000000000000000000");

    @TempDir
    Path tmp;

    private final Layer base = Layer.tar()
            .dir("bin", 0755).file("bin/busybox", "busybox", 0755).link("bin/ls", "bin/busybox").with(e -> e.setMode(0755))
            .symlink("bin/sh", "busybox")
            .dir("etc", 0755).file("etc/passwd", "root:x:0:0", 0644).file("etc/shadow", "root:*", 0640).owner(0, 42)
            .dir("etc/old", 0755).dir("etc/old/deep", 0700).file("etc/old/deep/f", "f", 0644)
            .dir("dev", 0755).charDevice("dev/null", 1, 3, 0666).fifo("dev/fifo", 0600)
            .dir("p", 0755).file("p/a", "shared", 0644)
            .dir("srv", 0755).file("srv/same-size", "aaaa", 0644).file("srv/touched", "same", 0644);

    @Test
    void applyingTheDiffToTheLowerTreeGivesTheUpperTree() throws Exception {
        Path lower = applied("lower", base);
        Path upper = applied("upper", base);
        new LayerApplier(SYS).apply(upper, Layer.tar()
                .dir("bin", 0755).file("bin/busybox", "busybox v2", 0755).whiteout("bin/ls")
                .symlink("bin/sh", "ash").file("bin/ping", "ping", 04711)
                .dir("etc", 0755).file("etc/passwd", "root:x:0:0\nuser:x:1000:1000", 0644)
                .file("etc/shadow", "root:*", 0600).owner(0, 42).whiteout("etc/old")
                .dir("etc/new", 0750).owner(5, 5).file("etc/new/conf", "k=v", 0644)
                .dir("dev", 0755).blockDevice("dev/sda", 8, 0, 0660).whiteout("dev/fifo")
                .dir("p", 0755).link("p/z", "p/a")
                .dir("srv", 0755).file("srv/same-size", "bbbb", 0644).mtime(Layer.MTIME.plusSeconds(1))
                .stream(), ApplyOptions.directory());
        SYS.lsetxattr(RawPath.of(upper.resolve("bin/ping")), "security.capability", CAPABILITY, 0);
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(upper.resolve("srv/socket")));
        }
        // the socket moved srv's mtime to now; the diff cuts mtimes to seconds (as upstream), so set a whole second
        SYS.lutimes(RawPath.of(upper.resolve("srv")), Layer.MTIME, Layer.MTIME);

        byte[] diff = diff(lower, upper);
        Path copy = applied("copy", base);
        new LayerApplier(SYS).apply(copy, new ByteArrayInputStream(diff), ApplyOptions.directory());

        Map<String, String> expected = Trees.describe(SYS, upper);
        expected.remove("srv/socket"); // sockets are not carried, as upstream
        Map<String, String> actual = Trees.describe(SYS, copy);
        expected.remove(".");
        actual.remove(".");
        assertThat(actual).isEqualTo(expected);
        assertThat(SYS.lgetxattr(RawPath.of(copy.resolve("bin/ping")), "security.capability")).contains(CAPABILITY);
    }

    @Test
    void theDiffHoldsWhatChangedWithParentsFirstAndOneWhiteoutPerRemovedTree() throws Exception {
        Layer lowerLayer = Layer.tar().dir("a", 0755).file("a/gone", "", 0644).file("a/keep", "k", 0644)
                .dir("d", 0755).file("d/x", "x", 0644).file("same", "s", 0644);
        Path lower = applied("lower", lowerLayer);
        Path upper = applied("upper", lowerLayer);
        new LayerApplier(SYS).apply(upper, Layer.tar().dir("a", 0755).whiteout("a/gone").file("a/new", "n", 0644)
                .whiteout("d").symlink("e", "a/keep").stream(), ApplyOptions.directory());

        List<String> names = names(diff(lower, upper));
        assertThat(names).containsExactly("a/", "a/.wh.gone", "a/new", ".wh.d", "e");
    }

    @Test
    void namesTheUpperLinksTogetherStayHardlinksEvenWhenOneOfThemIsUnchanged() throws Exception {
        Path lower = applied("lower", base);
        Path upper = applied("upper", base);
        new LayerApplier(SYS).apply(upper, Layer.tar().dir("p", 0755).link("p/z", "p/a").stream(), ApplyOptions.directory());

        List<TarEntry> entries = entries(diff(lower, upper));
        assertThat(entries).extracting(e -> new String(e.name(), StandardCharsets.UTF_8) + " " + e.type()
                + " " + new String(e.linkName(), StandardCharsets.UTF_8))
                .containsExactly("p/ DIRECTORY ", "p/z REGULAR ", "p/a HARDLINK p/z");
    }

    @Test
    void identicalTreesGiveAnEmptyLayer() throws Exception {
        Path lower = applied("lower", base);
        Path upper = applied("upper", base);
        assertThat(entries(diff(lower, upper))).isEmpty();
    }

    private Path applied(String name, Layer layer) throws IOException {
        Sandbox.requireRoot();
        Path dir = Files.createDirectory(tmp.resolve(name));
        new LayerApplier(SYS).apply(dir, layer.stream(), ApplyOptions.directory());
        return dir;
    }

    private static byte[] diff(Path lower, Path upper) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LayerWriter(SYS).writeDiff(lower, upper, out);
        return out.toByteArray();
    }

    private static List<String> names(byte[] tar) throws IOException {
        return entries(tar).stream().map(e -> new String(e.name(), StandardCharsets.UTF_8)).toList();
    }

    private static List<TarEntry> entries(byte[] tar) throws IOException {
        TarReader reader = new TarReader(new ByteArrayInputStream(tar));
        List<TarEntry> out = new ArrayList<>();
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
            out.add(e);
        }
        return out;
    }
}
