package io.jcontainerd.image.archive;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.image.MatchComparer;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How {@link ImageImport} names and filters what it imports, as containerd's {@code ImportOpt}s.
 *
 * @param indexName       when not empty, an image of this name for the archive's index
 * @param refTranslator   turns an OCI ref name ({@code org.opencontainers.image.ref.name}) into an
 *                        image name; an empty result names no image
 * @param digestRef       when not null, also names each manifest by its digest; an empty result names none
 * @param skipDigestRef   when not null, a manifest whose name (maybe empty) it accepts gets no digest name
 * @param platform        the platforms whose content is walked (and labelled); null for the host's
 * @param compressLayers  gzip uncompressed Docker layers
 */
public record ImportOptions(String indexName, Function<String, String> refTranslator, Function<Digest, String> digestRef,
                            Predicate<String> skipDigestRef, MatchComparer platform, boolean compressLayers) {
    public ImportOptions {
        Objects.requireNonNull(indexName, "indexName");
        Objects.requireNonNull(refTranslator, "refTranslator");
    }
}
