package io.jcontainerd.plugins.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.DigestAlgorithm;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.plugins.PageCache;
import io.jcontainerd.plugins.content.local.LocalContentStore;
import io.jcontainerd.plugins.diff.walking.ApplyLimits;
import io.jcontainerd.plugins.diff.walking.WalkingDiffer;
import io.jcontainerd.plugins.metadata.Metadata;
import io.jcontainerd.plugins.metadata.MetadataConfig;
import io.jcontainerd.plugins.metadata.MetadataPlugin;
import io.jcontainerd.sys.mount.Mounter;
import io.jcontainerd.sys.FileStat;
import io.jcontainerd.sys.FileType;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.RawPath;
import io.jcontainerd.sys.Syscalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walking differ on real mounts (root only): layers from content applied onto bind and overlay mounts, diffs written back. */
class WalkingDifferTest {
    private static final Syscalls SYS = new LinuxSyscalls();
    private static final String OCI_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    @TempDir
    Path dir;
    Metadata metadata;
    WalkingDiffer differ;
    ContentStore content;

    @BeforeEach
    void open() throws IOException {
        assumeTrue(SYS.geteuid() == 0, "mounts need root");
        metadata = MetadataPlugin.open(dir.resolve("meta.sqlite"), MetadataConfig.defaults(),
                new LocalContentStore(dir.resolve("content")));
        differ = new WalkingDiffer(metadata.content(), new LayerApplier(SYS), new LayerWriter(SYS), new Mounter(SYS),
                dir.resolve("tmpmounts"), new ApplyLimits(1 << 20, 4, 1000));
        content = metadata.content().in("ns");
    }

    @AfterEach
    void close() {
        if (metadata != null) {
            metadata.close();
        }
    }

    private Descriptor store(byte[] blob, String mediaType) throws IOException {
        try (Writer w = content.writer("layer-" + blob.length, blob.length, null)) {
            w.write(ByteBuffer.wrap(blob));
            w.commit(blob.length, null, Map.of());
            return Descriptor.of(mediaType, w.digest(), blob.length);
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static Mount bind(Path source) {
        return Mount.of("bind", source.toString(), List.of("rbind", "rw"));
    }

    @Test
    void appliesAGzipLayerThroughABindMountAndReturnsItsDiffId() throws IOException {
        byte[] tar = Layer.tar().dir("etc", 0755).file("etc/hostname", "walking\n", 0644).symlink("link", "etc/hostname")
                .bytes();
        Path rootfs = Files.createDirectory(dir.resolve("rootfs"));

        Descriptor layer = store(gzip(tar), OCI_GZIP);
        Path blob = dir.resolve("content/blobs/sha256").resolve(layer.digest().hex());
        assertThat(PageCache.holdsAllOf(blob)).as("cached once committed").isTrue();

        Descriptor applied = differ.apply("ns", layer, List.of(bind(rootfs)));

        assertThat(applied).isEqualTo(Descriptor.of("application/vnd.oci.image.layer.v1.tar",
                DigestAlgorithm.SHA256.digest(tar), tar.length));
        assertThat(Files.readString(rootfs.resolve("etc/hostname"))).isEqualTo("walking\n");
        assertThat(Files.readSymbolicLink(rootfs.resolve("link"))).isEqualTo(Path.of("etc/hostname"));
        assertThat(Files.list(dir.resolve("tmpmounts"))).as("temp mount point removed").isEmpty();
        assertThat(PageCache.holdsAllOf(blob)).as("the applied layer's blob, cached").isFalse();
    }

    @Test
    void appliesALayerReadFromAStreamAsFromContentAndClosesTheStream() throws IOException {
        byte[] tar = Layer.tar().dir("etc", 0755).file("etc/hostname", "streamed\n", 0644).bytes();
        byte[] blob = gzip(tar);
        Path rootfs = Files.createDirectory(dir.resolve("rootfs"));
        boolean[] closed = {false};
        InputStream download = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(blob)) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };

        Descriptor applied = differ.apply(Descriptor.of(OCI_GZIP, DigestAlgorithm.SHA256.digest(blob), blob.length),
                List.of(bind(rootfs)), download);

        assertThat(applied.digest()).isEqualTo(DigestAlgorithm.SHA256.digest(tar));
        assertThat(Files.readString(rootfs.resolve("etc/hostname"))).isEqualTo("streamed\n");
        assertThat(closed[0]).isTrue();
    }

    @Test
    void appliesOntoTheUpperDirOfALoneOverlayMountWithOverlayWhiteouts() throws IOException {
        Path lower = Files.createDirectories(dir.resolve("lower/etc"));
        Files.writeString(lower.resolve("gone"), "x");
        Path upper = Files.createDirectory(dir.resolve("upper"));
        Path work = Files.createDirectory(dir.resolve("work"));
        Mount overlay = Mount.of("overlay", "overlay", List.of("workdir=" + work, "upperdir=" + upper,
                "lowerdir=" + lower.getParent()));
        byte[] tar = Layer.tar().whiteout("etc/gone").file("etc/new", "n", 0644).bytes();

        differ.apply("ns", store(tar, "application/vnd.oci.image.layer.v1.tar"), List.of(overlay));

        FileStat whiteout = SYS.lstat(RawPath.of(upper.resolve("etc/gone")));
        assertThat(whiteout.type()).isEqualTo(FileType.CHAR_DEVICE);
        assertThat(whiteout.rdev()).isZero();
        assertThat(Files.readString(upper.resolve("etc/new"))).isEqualTo("n");
        assertThat(Files.readString(lower.resolve("gone"))).as("lower untouched").isEqualTo("x");
    }

    @Test
    void aLayerThatLeavesItsRootFailsAndWritesNothingOutside() throws IOException {
        Path rootfs = Files.createDirectory(dir.resolve("rootfs"));
        byte[] tar = Layer.tar().file("../escaped", "x", 0644).bytes();
        assertThatThrownBy(() -> differ.apply("ns", store(tar, "application/vnd.oci.image.layer.v1.tar"), List.of(bind(rootfs))))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
        assertThat(dir.resolve("escaped")).doesNotExist();
        assertThat(Files.list(dir.resolve("tmpmounts"))).as("unmounted and removed after the failure").isEmpty();
    }

    @Test
    void refusesMediaTypesItCannotReadAndBlobsItDoesNotHave() throws IOException {
        Descriptor weird = store(new byte[] {1}, "application/x-weird");
        assertThatThrownBy(() -> differ.apply("ns", weird, List.of(bind(dir))))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_IMPLEMENTED))
                .hasMessage("failed to get stream processor for application/x-weird: no processor for media-type: not implemented");
        Descriptor absent = Descriptor.of(OCI_GZIP, Digest.fromString("absent"), 3);
        assertThatThrownBy(() -> differ.apply("ns", absent, List.of(bind(dir))))
                .isInstanceOfSatisfying(ErrdefsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void comparesTwoMountsIntoAGzipLayerThatRebuildsTheUpperTree() throws IOException {
        Path lower = Files.createDirectories(dir.resolve("lower/etc"));
        Files.writeString(lower.resolve("keep"), "k");
        Files.writeString(lower.resolve("gone"), "g");
        Path upper = Files.createDirectories(dir.resolve("upper/etc"));
        Files.writeString(upper.resolve("keep"), "k");
        Files.writeString(upper.resolve("added"), "a");
        Files.setLastModifiedTime(upper.resolve("keep"), Files.getLastModifiedTime(lower.resolve("keep")));

        Descriptor diff = differ.compare("ns", Optional.empty(), List.of(bind(lower.getParent())),
                List.of(bind(upper.getParent())), "", "", Map.of("team", "infra"));

        assertThat(diff.mediaType()).isEqualTo(OCI_GZIP);
        var info = content.info(diff.digest());
        assertThat(info.size()).isEqualTo(diff.size());
        assertThat(info.labels()).containsEntry("team", "infra").containsKey("containerd.io/uncompressed");
        byte[] tar;
        try (ReaderAt r = content.readerAt(diff.digest()); InputStream in = LayerCompression.decompressed(r.stream(0))) {
            tar = in.readAllBytes();
        }
        assertThat(info.labels().get("containerd.io/uncompressed")).isEqualTo(DigestAlgorithm.SHA256.digest(tar).toString());

        differ.apply("ns", diff, List.of(bind(lower.getParent())));
        assertThat(lower.resolve("gone")).doesNotExist();
        assertThat(Files.readString(lower.resolve("added"))).isEqualTo("a");
        assertThat(Files.readString(lower.resolve("keep"))).isEqualTo("k");
    }

    @Test
    void anUncompressedDiffIsATarWithoutTheUncompressedLabel() throws IOException {
        Path lower = Files.createDirectories(dir.resolve("lower"));
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Files.writeString(upper.resolve("added"), "a");

        Descriptor diff = differ.compare("ns", Optional.empty(), List.of(bind(lower)), List.of(bind(upper)),
                "application/vnd.oci.image.layer.v1.tar", "", Map.of("team", "infra"));

        assertThat(diff.mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar");
        assertThat(content.info(diff.digest()).labels()).isEqualTo(Map.of("team", "infra"));
        try (ReaderAt r = content.readerAt(diff.digest()); InputStream in = r.stream(0)) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("added");
        }
    }

    @Test
    void aDecompressionBombStopsAtItsLimitWithResourceExhausted() throws IOException {
        // 8 MiB of zeros in a tar gzip to a few KiB: far past 4 times the blob and the 1 MiB floor
        byte[] bomb = gzip(Layer.tar().file("zeros", new byte[8 << 20], 0644).bytes());
        Path rootfs = Files.createDirectory(dir.resolve("rootfs"));
        assertThatThrownBy(() -> differ.apply("ns", store(bomb, OCI_GZIP), List.of(bind(rootfs))))
                .isInstanceOfSatisfying(ErrdefsException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESOURCE_EXHAUSTED));
        assertThat(Files.list(dir.resolve("tmpmounts"))).isEmpty();
    }
}
