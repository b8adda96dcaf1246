package io.jcontainerd.plugins.diff.walking;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.NamespacedContentStore;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.content.Writer;
import io.jcontainerd.core.diff.Applier;
import io.jcontainerd.core.diff.Comparer;
import io.jcontainerd.core.diff.StagedApplier;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.plugins.diff.ApplyOptions;
import io.jcontainerd.plugins.diff.LayerApplier;
import io.jcontainerd.plugins.diff.LayerCompression;
import io.jcontainerd.plugins.diff.LayerWriter;
import io.jcontainerd.plugins.diff.ReadAheadInputStream;
import io.jcontainerd.sys.mount.Mounter;
import io.jcontainerd.sys.RawPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * containerd's walking differ. Apply reads the layer from the namespace's content, decompresses
 * it (by magic bytes), and unpacks it: straight into the upper directory of a single overlay
 * mount (whiteouts as overlay devices), otherwise into the mounts mounted on a temporary
 * directory. Compare mounts both sides read-only, writes the difference as a gzip layer into
 * content, labelled with its uncompressed digest.
 */
public final class WalkingDiffer implements Applier, StagedApplier, Comparer {
    static final String UNCOMPRESSED_LABEL = "containerd.io/uncompressed";
    private static final int COPY_BUFFER_BYTES = 1 << 20;

    private final NamespacedContentStore content;
    private final LayerApplier applier;
    private final LayerWriter layerWriter;
    private final Mounter mounter;
    private final Path tempMounts;
    private final ApplyLimits limits;

    /** @param tempMounts where temporary mount points are made (upstream: {@code <root>/tmpmounts}) */
    public WalkingDiffer(NamespacedContentStore content, LayerApplier applier, LayerWriter layerWriter, Mounter mounter,
                         Path tempMounts, ApplyLimits limits) {
        this.content = content;
        this.applier = applier;
        this.layerWriter = layerWriter;
        this.mounter = mounter;
        this.tempMounts = tempMounts;
        this.limits = limits;
    }

    @Override
    public Descriptor apply(String namespace, Descriptor layer, List<Mount> mounts) throws IOException {
        requireReadable(layer);
        ContentStore store = content.in(namespace);
        Descriptor applied;
        try (ReaderAt blob = store.readerAt(layer.digest())) {
            applied = applyBlob(mounts, blob.stream(0), layer.size());
        }
        store.dropCached(layer.digest());
        return applied;
    }

    @Override
    public Descriptor apply(Descriptor layer, List<Mount> mounts, InputStream blob) throws IOException {
        try (blob) {
            requireReadable(layer);
            return applyBlob(mounts, blob, layer.size());
        }
    }

    private static void requireReadable(Descriptor layer) {
        if (!LayerMediaTypes.readable(layer.mediaType())) {
            throw new ErrdefsException(ErrorKind.NOT_IMPLEMENTED, "failed to get stream processor for "
                    + layer.mediaType() + ": no processor for media-type: not implemented");
        }
    }

    private Descriptor applyBlob(List<Mount> mounts, InputStream blob, long blobSize) throws IOException {
        return decompressed(blob, (tar, maxTarBytes) -> applyTo(mounts, tar, maxTarBytes), blobSize);
    }

    /** Where a layer's tar goes. */
    private interface TarConsumer {
        void accept(InputStream tar, long maxTarBytes) throws IOException;
    }

    /** {@return the uncompressed descriptor of the blob, once {@code consumer} has read its tar} */
    private Descriptor decompressed(InputStream blob, TarConsumer consumer, long blobSize) throws IOException {
        try (DigestingStream tar = new DigestingStream(LayerCompression.decompressed(blob));
             // decompressing and hashing on a second core while this thread writes the files
             ReadAheadInputStream ahead = new ReadAheadInputStream(tar, "apply-read-ahead")) {
            consumer.accept(ahead, limits.maxTarBytes(blobSize));
            // the digest covers the whole stream, bytes after the tar's end included, as upstream's;
            // at the read-ahead's end the digesting stream is done
            ahead.skip(Long.MAX_VALUE);
            return Descriptor.of(LayerMediaTypes.OCI_TAR, tar.digest(), tar.count());
        }
    }

    /** A layer applied ahead into the directory of a snapshot without parent. */
    private record AheadLayer(Descriptor applied, LayerApplier.StagedTree tree) implements Staged {
    }

    @Override
    public Staged applyAhead(Descriptor layer, InputStream blob, List<Mount> staging) throws IOException {
        try (blob) {
            requireReadable(layer);
            if (staging.size() != 1 || !staging.getFirst().type().equals("bind")) {
                throw new ErrdefsException(ErrorKind.NOT_IMPLEMENTED, "apply ahead: not a bind mount of a directory");
            }
            Path root = Path.of(staging.getFirst().source());
            LayerApplier.StagedTree[] tree = new LayerApplier.StagedTree[1];
            Descriptor applied = decompressed(blob, (tar, maxTarBytes) -> tree[0] = applier.applyAhead(root, tar,
                    ApplyOptions.overlayUpper(List.of()).withLimits(maxTarBytes, limits.maxEntries())), layer.size());
            return new AheadLayer(applied, tree[0]);
        }
    }

    @Override
    public void moveInto(Staged staged, List<Mount> target) throws IOException {
        if (!(staged instanceof AheadLayer ahead)) {
            throw new IllegalArgumentException("not applied ahead by this differ: " + staged);
        }
        if (target.size() == 1 && target.getFirst().type().equals("bind") && !ahead.tree().whiteouts()) {
            // a chain's first layer: the same tree as applied onto the directory, having no whiteouts
            applier.adopt(ahead.tree(), Path.of(target.getFirst().source()), List.of());
            return;
        }
        if (target.size() != 1 || !target.getFirst().type().equals("overlay")) {
            throw new ErrdefsException(ErrorKind.NOT_IMPLEMENTED, "move applied layer: not one overlay mount");
        }
        OverlayDirs dirs = OverlayDirs.of(target.getFirst());
        if (dirs.upper() == null) {
            throw new ErrdefsException(ErrorKind.NOT_IMPLEMENTED, "move applied layer: overlay without upper directory");
        }
        applier.adopt(ahead.tree(), dirs.upper(), dirs.lowers().stream().map(RawPath::of).toList());
    }

    /** Upstream's linux {@code apply}: a lone overlay mount is applied to its upper directory directly. */
    private void applyTo(List<Mount> mounts, InputStream tar, long maxTarBytes) throws IOException {
        if (mounts.size() == 1 && mounts.getFirst().type().equals("overlay")) {
            OverlayDirs dirs = OverlayDirs.of(mounts.getFirst());
            applier.apply(dirs.upper(), tar, ApplyOptions.overlayUpper(dirs.lowers().stream().map(RawPath::of).toList())
                    .withLimits(maxTarBytes, limits.maxEntries()));
            return;
        }
        mounter.withTempMount(tempMounts, mounts, root -> applier.apply(root, tar,
                ApplyOptions.directory().withLimits(maxTarBytes, limits.maxEntries())));
    }

    @Override
    public Descriptor compare(String namespace, Optional<String> lease, List<Mount> lower, List<Mount> upper,
                              String mediaType, String ref, Map<String, String> labels) throws IOException {
        String type = mediaType.isEmpty() ? LayerMediaTypes.OCI_GZIP : mediaType;
        boolean gzip = switch (type) {
            case LayerMediaTypes.OCI_GZIP, LayerMediaTypes.DOCKER_GZIP -> true;
            case LayerMediaTypes.OCI_TAR, LayerMediaTypes.DOCKER_TAR -> false;
            default -> throw new ErrdefsException(ErrorKind.NOT_IMPLEMENTED,
                    "unsupported diff media type: " + type + ": not implemented");
        };
        String ingestRef = ref.isEmpty() ? "diff-" + UUID.randomUUID() : ref;
        ContentStore store = content.in(namespace, lease);
        return mounter.withTempMount(tempMounts, readOnly(lower), lowerRoot ->
                mounter.withTempMount(tempMounts, readOnly(upper), upperRoot -> {
                    try (Writer writer = store.writer(ingestRef, 0, null)) {
                        OutputStream blob = new WriterOutputStream(writer);
                        DigestingOutput tar = new DigestingOutput(gzip ? new GZIPOutputStream(blob, COPY_BUFFER_BYTES) : blob);
                        try (tar) {
                            layerWriter.writeDiff(lowerRoot, upperRoot, tar);
                        }
                        Map<String, String> committedLabels = new HashMap<>(labels);
                        if (gzip) { // as containerd, which labels only a compressed layer with its tar's digest
                            committedLabels.put(UNCOMPRESSED_LABEL, tar.digest().toString());
                        }
                        commitOrReuse(store, writer, committedLabels);
                        return Descriptor.of(type, writer.digest(), writer.offset());
                    }
                }));
    }

    /**
     * A diff whose bytes are already in the store (an empty diff, the same layer twice) is that
     * blob, as upstream; the blob gains the uncompressed label if it lacked it.
     */
    private static void commitOrReuse(ContentStore store, Writer writer, Map<String, String> labels) throws IOException {
        try {
            writer.commit(0, null, labels);
        } catch (ErrdefsException e) {
            if (e.kind() != ErrorKind.ALREADY_EXISTS) {
                throw e;
            }
            String uncompressed = labels.get(UNCOMPRESSED_LABEL);
            Info existing = store.info(writer.digest());
            if (uncompressed != null && !existing.labels().containsKey(UNCOMPRESSED_LABEL)) {
                Map<String, String> merged = new HashMap<>(existing.labels());
                merged.put(UNCOMPRESSED_LABEL, uncompressed);
                store.update(new Info(existing.digest(), existing.size(), existing.createdAt(), existing.updatedAt(), merged),
                        List.of("labels." + UNCOMPRESSED_LABEL));
            }
        }
    }

    /**
     * Upstream's {@code readonlyMounts}: an overlay loses its upper and work directories (the
     * upper joins the lowers), anything else gets {@code ro}.
     */
    private static List<Mount> readOnly(List<Mount> mounts) {
        List<Mount> out = new ArrayList<>();
        for (Mount m : mounts) {
            if (m.type().equals("overlay")) {
                out.add(OverlayDirs.of(m).readOnlyMount(m));
                continue;
            }
            List<String> options = new ArrayList<>(m.options());
            options.removeIf(o -> o.equals("rw"));
            if (!options.contains("ro")) {
                options.add("ro");
            }
            out.add(new Mount(m.type(), m.source(), m.target(), options));
        }
        return out;
    }
}
