package io.jcontainerd.image.archive;

import io.jcontainerd.image.reference.DockerReference;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.image.Handler;
import io.jcontainerd.image.Handlers;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.ImageJson;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.Index;
import io.jcontainerd.image.MediaTypes;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes images as an OCI image layout tar, as containerd 1.6's {@code archive.Export}: the
 * {@code oci-layout} file, an {@code index.json} naming each image (annotations
 * {@code io.containerd.image.name} and {@code org.opencontainers.image.ref.name}), every blob the
 * images need under {@code blobs/<alg>/<hex>}, and Docker's {@code manifest.json} (config, layers
 * and tags per manifest) so {@code docker load} reads it too. Entries are in name order. For an
 * index, only the manifests for the platform are exported unless all are asked for, and
 * manifest.json names the one the platform prefers.
 */
public final class ArchiveExporter {
    private static final int BLOB_MODE = 0444;
    private static final int FILE_MODE = 0644;
    private static final int DIRECTORY_MODE = 0755;

    private final ArchiveContent content;
    private final ExportOptions options;

    public ArchiveExporter(ArchiveContent content, ExportOptions options) {
        this.content = content;
        this.options = options;
    }

    /** {@return the image's target carrying its name, as the archive's index lists it} */
    public static ImageDescriptor named(Image image) {
        Map<String, String> annotations = new HashMap<>(image.target().annotations());
        annotations.put(ImageKeys.IMAGE_NAME_ANNOTATION, image.name());
        annotations.put(ImageKeys.REF_NAME_ANNOTATION, ImageKeys.ociReferenceName(image.name()));
        return ImageDescriptor.from(image.target()).withAnnotations(annotations);
    }

    /** One entry of the tar: a directory, a file from bytes, or a blob from the content store. */
    private record Entry(String name, int mode, long size, byte type, byte[] bytes, ImageDescriptor blob) {
        static Entry directory(String name) {
            return new Entry(name, DIRECTORY_MODE, 0, TarWriter.TYPE_DIRECTORY, null, null);
        }

        static Entry file(String name, int mode, byte[] bytes) {
            return new Entry(name, mode, bytes.length, TarWriter.TYPE_REGULAR, bytes, null);
        }

        static Entry blob(ImageDescriptor desc) {
            return new Entry(blobPath(desc.digest()), BLOB_MODE, desc.size(), TarWriter.TYPE_REGULAR, null, desc);
        }
    }

    /** A manifest manifest.json lists, and the names it lists it under. */
    private record DockerManifest(ImageDescriptor manifest, List<String> names) {
    }

    /**
     * Writes the archive of {@code images} (from {@link #named}) to {@code out}.
     *
     * @throws ErrdefsException INVALID_ARGUMENT for a target that is neither manifest nor index,
     *     NOT_FOUND for an index without a manifest for the platform or missing content
     */
    public void export(List<ImageDescriptor> images, OutputStream out) throws IOException {
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.file(ImageLayout.FILE, BLOB_MODE, ImageJson.write(new ImageLayout(ImageLayout.VERSION))));
        entries.add(Entry.file("index.json", FILE_MODE, ImageJson.write(new Index(2, "", images, Map.of()))));
        Set<String> algorithms = new LinkedHashSet<>();
        Map<Digest, DockerManifest> dockerManifests = new LinkedHashMap<>();
        Map<Digest, Digest> resolvedIndexes = new HashMap<>();
        for (ImageDescriptor desc : images) {
            String name = desc.annotations().getOrDefault(ImageKeys.IMAGE_NAME_ANNOTATION, "");
            if (MediaTypes.isManifestType(desc.mediaType())) {
                DockerManifest dm = dockerManifests.get(desc.digest());
                if (dm == null) {
                    entries.addAll(walkedBlobs(desc, algorithms));
                    dm = new DockerManifest(desc, new ArrayList<>());
                    dockerManifests.put(desc.digest(), dm);
                }
                if (!name.isEmpty() && !options.skipDockerManifest()) {
                    dm.names().add(name);
                }
            } else if (MediaTypes.isIndexType(desc.mediaType())) {
                Digest chosen = resolvedIndexes.containsKey(desc.digest()) ? resolvedIndexes.get(desc.digest())
                        : exportIndex(desc, entries, algorithms, dockerManifests);
                resolvedIndexes.put(desc.digest(), chosen);
                if (chosen != null && !name.isEmpty()) {
                    dockerManifests.get(chosen).names().add(name);
                }
            } else {
                throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "only manifests may be exported: invalid argument");
            }
        }
        if (!dockerManifests.isEmpty()) {
            try {
                entries.add(Entry.file("manifest.json", FILE_MODE, dockerManifestJson(dockerManifests.values())));
            } catch (ErrdefsException e) {
                throw new ErrdefsException(e.kind(), "unable to create manifests file: " + e.getMessage(), e);
            }
        }
        if (!algorithms.isEmpty()) {
            entries.add(Entry.directory("blobs/"));
            algorithms.forEach(alg -> entries.add(Entry.directory("blobs/" + alg + "/")));
        }
        write(entries, out);
    }

    /**
     * Adds the index blob and the blobs of its manifests for the platform (all with
     * {@code allPlatforms}); {@return the manifest manifest.json gets for it, null when skipped}
     */
    private Digest exportIndex(ImageDescriptor desc, List<Entry> entries, Set<String> algorithms,
                               Map<Digest, DockerManifest> dockerManifests) throws IOException {
        blobEntry(desc).ifPresent(entries::add);
        List<ImageDescriptor> matching = new ArrayList<>();
        for (ImageDescriptor m : Images.children(content, desc)) {
            if (m.platform() == null || options.platform().match(m.platform())) {
                matching.add(m);
            } else if (!options.allPlatforms()) {
                continue;
            }
            entries.addAll(walkedBlobs(m, algorithms));
        }
        if (options.skipDockerManifest()) {
            return null;
        }
        if (matching.isEmpty()) {
            throw new ErrdefsException(ErrorKind.NOT_FOUND, "no manifest found for platform: not found");
        }
        ImageDescriptor preferred = matching.stream().sorted(byPlatformPreference()).findFirst().orElseThrow();
        dockerManifests.put(preferred.digest(), new DockerManifest(preferred, new ArrayList<>()));
        return preferred.digest();
    }

    /** Upstream's stable sort: entries without a platform last, the rest by the platform's preference. */
    private Comparator<ImageDescriptor> byPlatformPreference() {
        return (a, b) -> {
            if (a.platform() == null || b.platform() == null) {
                return Boolean.compare(a.platform() == null, b.platform() == null);
            }
            if (options.platform().less(a.platform(), b.platform())) {
                return -1;
            }
            return options.platform().less(b.platform(), a.platform()) ? 1 : 0;
        };
    }

    /** The blob of {@code root} and of everything below it. */
    private List<Entry> walkedBlobs(ImageDescriptor root, Set<String> algorithms) throws IOException {
        List<Entry> found = new ArrayList<>();
        Handler record = desc -> {
            blobEntry(desc).ifPresent(found::add);
            algorithms.add(desc.digest().algorithm().text());
            return List.of();
        };
        Handlers.walk(Handlers.sequence(Handlers.children(content), record), List.of(root));
        return found;
    }

    private Optional<Entry> blobEntry(ImageDescriptor desc) {
        if (options.skipNonDistributable() && MediaTypes.isNonDistributable(desc.mediaType())) {
            return Optional.empty();
        }
        return Optional.of(Entry.blob(desc));
    }

    private byte[] dockerManifestJson(Iterable<DockerManifest> manifests) throws IOException {
        List<DockerManifestEntry> out = new ArrayList<>();
        for (DockerManifest dm : manifests) {
            if (!MediaTypes.isManifestType(dm.manifest().mediaType())) {
                // upstream decodes what an index names as a manifest: a nested index has no config digest
                throw new ErrdefsException(ErrorKind.UNKNOWN, "invalid manifest \"" + dm.manifest().digest()
                        + "\": invalid checksum digest format");
            }
            // a manifest's children are its config, then its layers
            List<ImageDescriptor> children = Images.children(content, dm.manifest());
            List<ImageDescriptor> layers = children.subList(1, children.size());
            List<String> tags = null;
            for (String name : dm.names()) {
                tags = tags == null ? new ArrayList<>() : tags;
                tags.add(familiar(name));
            }
            out.add(new DockerManifestEntry(blobPath(children.getFirst().digest()), tags,
                    layers.isEmpty() ? null : layers.stream().map(l -> blobPath(l.digest())).toList()));
        }
        return ImageJson.write(out);
    }

    /** A name as Docker shows it: {@code docker.io/library/x:latest} → {@code x:latest}, tagged {@code latest} if it has no tag. */
    private static String familiar(String name) {
        try {
            return DockerReference.parseNormalizedNamed(name).tagNameOnly().familiarString();
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "failed to parse \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /** The tar in name order, each name once, as upstream's {@code writeTar}. */
    private void write(List<Entry> entries, OutputStream out) throws IOException {
        List<Entry> sorted = entries.stream().sorted(Comparator.comparing(Entry::name)).toList();
        TarWriter tar = new TarWriter(out);
        String last = null;
        for (Entry entry : sorted) {
            if (entry.name().equals(last)) {
                continue;
            }
            last = entry.name();
            tar.writeHeader(entry.name(), entry.mode(), entry.size(), entry.type());
            if (entry.bytes() != null) {
                tar.entry().write(entry.bytes());
            } else if (entry.blob() != null) {
                copyBlob(entry.blob(), tar.entry());
            }
        }
        tar.finish();
    }

    /** Copies a blob into its entry, checking it has the digest and size its descriptor says. */
    private void copyBlob(ImageDescriptor desc, OutputStream entry) throws IOException {
        try {
            content.info(desc.digest());
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "failed to get reader: " + e.getMessage(), e);
        }
        MessageDigest digester = desc.digest().algorithm().newMessageDigest();
        CountingStream counted = new CountingStream(new DigestOutputStream(entry, digester));
        try {
            content.read(desc.digest(), counted);
        } catch (IOException | ErrdefsException e) {
            throw new IOException("failed to copy to tar: " + e.getMessage(), e);
        }
        Digest copied = Digest.of(desc.digest().algorithm(), digester.digest());
        if (!copied.equals(desc.digest())) {
            throw new IOException("unexpected digest " + copied + " copied");
        }
        if (counted.count != desc.size()) {
            throw new IOException("unexpected copy size for " + blobPath(desc.digest()));
        }
    }

    private static String blobPath(Digest digest) {
        return "blobs/" + digest.algorithm().text() + "/" + digest.hex();
    }

    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }
}
