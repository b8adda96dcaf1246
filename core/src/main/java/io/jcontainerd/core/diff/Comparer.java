package io.jcontainerd.core.diff;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.mount.Mount;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes the layer that turns the lower filesystem into the upper one, and stores it as content. */
public interface Comparer {
    /**
     * @param mediaType the layer's media type; empty for gzip-compressed OCI
     * @param ref       the content ingest ref; empty for a generated one
     * @param lease     the lease the new blob is added to
     * @return the stored blob's descriptor
     */
    Descriptor compare(String namespace, Optional<String> lease, List<Mount> lower, List<Mount> upper, String mediaType,
                       String ref, Map<String, String> labels) throws IOException;
}
