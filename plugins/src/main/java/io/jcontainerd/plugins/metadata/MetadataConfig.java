package io.jcontainerd.plugins.metadata;

import io.jcontainerd.core.errdefs.Errdefs;

/**
 * {@code [plugins."io.containerd.metadata.v1.bolt"]}.
 *
 * @param contentSharingPolicy "shared": a namespace may claim a blob another namespace already
 *                             stored by writing its digest; "isolated": it must supply the bytes
 */
public record MetadataConfig(String contentSharingPolicy) {
    public static final String SHARED = "shared";
    public static final String ISOLATED = "isolated";

    public static MetadataConfig defaults() {
        return new MetadataConfig(SHARED);
    }

    public void validate() {
        if (!SHARED.equals(contentSharingPolicy) && !ISOLATED.equals(contentSharingPolicy)) {
            throw Errdefs.invalidArgument("unknown policy: " + contentSharingPolicy);
        }
    }
}
