package io.jcontainerd.registry.hosts;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a host is trusted to do. Resolving a name to a digest must be trusted; a public mirror
 * should only pull (by digest), and pushes go to the upstream registry.
 */
public enum HostCapability {
    /** Fetch manifests and blobs by digest. */
    PULL,
    /** Fetch manifests by tag. */
    RESOLVE,
    /** Push blobs and manifests. */
    PUSH;

    public static Set<HostCapability> all() {
        return EnumSet.allOf(HostCapability.class);
    }
}
