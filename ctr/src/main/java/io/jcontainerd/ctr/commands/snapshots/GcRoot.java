package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.ctr.text.GoTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The label ctr puts on what it makes to keep it from garbage collection: {@code containerd.io/gc.root=<now, RFC 3339 UTC>}. */
final class GcRoot {
    private GcRoot() {
    }

    static Map<String, String> now() {
        return Map.of(GcLabels.ROOT, GoTime.rfc3339(Instant.now(), ZoneOffset.UTC));
    }
}
