package io.jcontainerd.image;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.content.Provider;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What can be known of an image from its content: its manifest for a platform, config, layers,
 * size, platforms and completeness, as containerd 1.6's {@code images} package computes them. The
 * target is the image's root descriptor (a manifest or an index); children are read from the
 * provider as the walk reaches them.
 */
public final class Images {
    private static final System.Logger LOG = System.getLogger(Images.class.getName());

    private Images() {
    }

    /**
     * {@return the immediate children of {@code desc}: a manifest's config then layers, an index's
     * manifests; none for layers, configs and media types this model does not know}
     *
     * @throws ErrdefsException NOT_FOUND when the document is not in the provider, INVALID_ARGUMENT
     *     "children: invalid desc …" when its body contradicts its media type or is no such document
     */
    public static List<ImageDescriptor> children(Provider provider, ImageDescriptor desc) throws IOException {
        String mt = desc.mediaType();
        if (MediaTypes.isManifestType(mt)) {
            Manifest manifest = readManifest(provider, desc, "children");
            List<ImageDescriptor> children = new ArrayList<>(1 + manifest.layers().size());
            children.add(manifest.config());
            children.addAll(manifest.layers());
            return children;
        }
        if (MediaTypes.isIndexType(mt)) {
            return readIndex(provider, desc, "children").manifests();
        }
        if (!MediaTypes.isLayerType(mt) && !MediaTypes.isKnownConfig(mt)) {
            LOG.log(System.Logger.Level.DEBUG, "encountered unknown type {0}; children may not be fetched", mt);
        }
        return List.of();
    }

    /**
     * Resolves the manifest of {@code target} for {@code platform}: the target itself when it is a
     * manifest, else the index entry {@code platform} prefers. An entry without a declared platform
     * is judged by its config's OS and architecture.
     *
     * @throws ErrdefsException NOT_FOUND "no match for platform in manifest …" when an index has no
     *     entry for the platform, "manifest …: not found" when nothing resolved, "unexpected media type …"
     *     for a target that is neither; or a missing blob's NOT_FOUND
     */
    public static Manifest manifest(Provider provider, ImageDescriptor target, MatchComparer platform) throws IOException {
        ManifestSearch search = new ManifestSearch(provider, target, platform);
        Handlers.walk(search, List.of(target));
        if (search.found.isEmpty()) {
            String what = search.wasIndex ? "no match for platform in manifest " : "manifest ";
            throw Errdefs.notFound(what + target.digest());
        }
        return search.found.getFirst();
    }

    /** {@return the config descriptor of the manifest {@link #manifest} resolves} */
    public static ImageDescriptor config(Provider provider, ImageDescriptor target, MatchComparer platform) throws IOException {
        return manifest(provider, target, platform).config();
    }

    /** {@return the parsed config blob {@code configDesc} points at} */
    public static ImageConfig imageConfig(Provider provider, ImageDescriptor configDesc) throws IOException {
        return ImageJson.read(Blobs.read(provider, configDesc), ImageConfig.class, "config " + configDesc.digest());
    }

    /** {@return the diff IDs of the config blob {@code configDesc} points at, base layer first} */
    public static List<Digest> rootFs(Provider provider, ImageDescriptor configDesc) throws IOException {
        return imageConfig(provider, configDesc).rootFs().diffIds();
    }

    /**
     * {@return the layers of {@code target} for {@code platform}, each blob paired with its diff ID}
     *
     * @throws ErrdefsException INVALID_ARGUMENT "mismatched image rootfs and manifest layers" when
     *     the config names another number of diff IDs than the manifest has layers; errors reading
     *     the config come wrapped in "failed to resolve rootfs: …"
     */
    public static List<Layer> layers(Provider provider, ImageDescriptor target, MatchComparer platform) throws IOException {
        Manifest manifest = manifest(provider, target, platform);
        List<Digest> diffIds;
        try {
            diffIds = rootFs(provider, manifest.config());
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "failed to resolve rootfs: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("failed to resolve rootfs: " + e.getMessage(), e);
        }
        if (diffIds.size() != manifest.layers().size()) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, "mismatched image rootfs and manifest layers");
        }
        List<Layer> layers = new ArrayList<>(diffIds.size());
        for (int i = 0; i < diffIds.size(); i++) {
            layers.add(new Layer(manifest.layers().get(i), diffIds.get(i)));
        }
        return layers;
    }

    /**
     * {@return the packed size of {@code target} for {@code platform}: every descriptor's declared
     * size on the way to one manifest (the index, the manifest, its config and layers); layers need
     * not be present, documents must}
     *
     * @throws ErrdefsException INVALID_ARGUMENT "invalid size …" for a negative size, NOT_FOUND for
     *     a missing manifest or index, or when no manifest matches
     */
    public static long size(Provider provider, ImageDescriptor target, MatchComparer platform) throws IOException {
        AtomicLong total = new AtomicLong();
        countSize(provider, target, platform, total);
        return total.get();
    }

    /**
     * Adds the {@link #size} of {@code target} to {@code total} descriptor by descriptor, so that
     * when the walk fails {@code total} holds what was counted before: the SIZE column of
     * {@code ctr images ls} shows that partial sum beside the logged error.
     */
    public static void countSize(Provider provider, ImageDescriptor target, MatchComparer platform, AtomicLong total)
            throws IOException {
        Handler count = desc -> {
            if (desc.size() < 0) {
                throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT,
                        "invalid size " + desc.size() + " in " + desc.digest() + " (" + desc.mediaType() + ")");
            }
            total.addAndGet(desc.size());
            return List.of();
        };
        Handlers.walk(Handlers.sequence(count,
                Handlers.limitManifests(Handlers.filterPlatforms(Handlers.children(provider), platform), platform, 1)),
                List.of(target));
    }

    /**
     * {@return the platforms {@code target} declares, in walk order and with repeats: an index entry's
     * platform as written, or for a manifest without one its config's OS and architecture
     * (normalized), as the PLATFORMS column of {@code ctr images ls}}
     */
    public static List<Platform> platforms(Provider provider, ImageDescriptor target) throws IOException {
        List<Platform> found = new ArrayList<>();
        Handler children = Handlers.children(provider);
        Handlers.walk(desc -> {
            if (desc.platform() != null) {
                found.add(desc.platform());
                return List.of();
            }
            if (MediaTypes.isConfigType(desc.mediaType())) {
                found.add(imageConfig(provider, desc).platform());
            }
            return children.handle(desc);
        }, List.of(target));
        return found;
    }

    /**
     * Checks whether the content {@code target} needs on {@code platform} is in {@code provider}:
     * the resolved manifest's config and layers (their own children are not followed).
     *
     * @return unavailable, with the target as required and missing, when the manifest does not
     *     resolve for want of content or of a platform match
     * @throws ErrdefsException "failed to check image …" of the same kind for any other failure
     */
    public static CheckResult check(Provider provider, ImageDescriptor target, MatchComparer platform) throws IOException {
        Manifest manifest;
        try {
            manifest = manifest(provider, target, platform);
        } catch (ErrdefsException e) {
            if (e.is(ErrorKind.NOT_FOUND)) {
                return new CheckResult(false, List.of(target), List.of(), List.of(target));
            }
            throw checkFailed(target, e);
        } catch (IOException e) {
            throw checkFailed(target, e);
        }
        List<ImageDescriptor> required = new ArrayList<>();
        required.add(manifest.config());
        required.addAll(manifest.layers());
        List<ImageDescriptor> present = new ArrayList<>();
        List<ImageDescriptor> missing = new ArrayList<>();
        for (ImageDescriptor desc : required) {
            try {
                provider.readerAt(desc.digest()).close();
                present.add(desc);
            } catch (ErrdefsException e) {
                if (!e.is(ErrorKind.NOT_FOUND)) {
                    throw checkFailed(desc, e);
                }
                missing.add(desc);
            } catch (IOException e) {
                throw checkFailed(desc, e);
            }
        }
        return new CheckResult(true, required, present, missing);
    }

    private static ErrdefsException checkFailed(ImageDescriptor desc, ErrdefsException e) {
        return new ErrdefsException(e.kind(), "failed to check image " + desc.digest() + ": " + e.getMessage(), e);
    }

    private static IOException checkFailed(ImageDescriptor desc, IOException e) {
        return new IOException("failed to check image " + desc.digest() + ": " + e.getMessage(), e);
    }

    private static Manifest readManifest(Provider provider, ImageDescriptor desc, String caller) throws IOException {
        return ImageJson.read(readChecked(provider, desc, caller), Manifest.class, "manifest " + desc.digest());
    }

    private static Index readIndex(Provider provider, ImageDescriptor desc, String caller) throws IOException {
        return ImageJson.read(readChecked(provider, desc, caller), Index.class, "index " + desc.digest());
    }

    /** Reads a manifest or index blob and checks its body agrees with its media type. */
    private static byte[] readChecked(Provider provider, ImageDescriptor desc, String caller) throws IOException {
        byte[] json = Blobs.read(provider, desc);
        try {
            DocumentShape.check(json, desc.mediaType());
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), caller + ": invalid desc " + desc.digest() + ": " + e.getMessage(), e);
        }
        return json;
    }

    /** The walk behind {@link #manifest}: collects the manifests that fit, narrowing each index to its preferred entry. */
    private static final class ManifestSearch implements Handler {
        private final Provider provider;
        private final ImageDescriptor target;
        private final MatchComparer platform;
        private final List<Manifest> found = new ArrayList<>();
        private boolean wasIndex;

        ManifestSearch(Provider provider, ImageDescriptor target, MatchComparer platform) {
            this.provider = provider;
            this.target = target;
            this.platform = platform;
        }

        @Override
        public List<ImageDescriptor> handle(ImageDescriptor desc) throws IOException {
            String mt = desc.mediaType();
            if (MediaTypes.isManifestType(mt)) {
                Manifest manifest = readManifest(provider, desc, "manifest");
                // the target itself is taken whatever its platform; manifests reached through an index must fit
                if (!desc.digest().equals(target.digest()) && !fits(desc, manifest)) {
                    return List.of();
                }
                found.add(manifest);
                return List.of();
            }
            if (MediaTypes.isIndexType(mt)) {
                Index index = readIndex(provider, desc, "manifest");
                wasIndex = true;
                List<ImageDescriptor> candidates = index.manifests().stream()
                        .filter(d -> d.platform() == null || platform.match(d.platform()))
                        .sorted(Handlers.byPreference(platform))
                        .toList();
                return candidates.isEmpty() ? candidates : candidates.subList(0, 1);
            }
            throw Errdefs.notFound("unexpected media type " + mt + " for " + desc.digest());
        }

        private boolean fits(ImageDescriptor desc, Manifest manifest) throws IOException {
            if (desc.platform() != null) {
                return platform.match(desc.platform());
            }
            return platform.match(imageConfig(provider, manifest.config()).platform());
        }
    }
}
