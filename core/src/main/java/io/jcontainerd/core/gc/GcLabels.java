package io.jcontainerd.core.gc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * containerd's garbage-collection labels, read the way its metadata GC reads them:
 * {@code containerd.io/gc.ref.content[.|/name]} and {@code containerd.io/gc.ref.snapshot.<snapshotter>[/name]}
 * reference other objects, {@code containerd.io/gc.root} makes an object a root,
 * {@code containerd.io/gc.expire} (RFC 3339) ends a lease, {@code containerd.io/gc.flat} makes a
 * lease hold only the objects it names.
 */
public final class GcLabels {
    public static final String ROOT = "containerd.io/gc.root";
    public static final String CONTENT_REF = "containerd.io/gc.ref.content";
    public static final String SNAPSHOT_REF = "containerd.io/gc.ref.snapshot.";
    public static final String EXPIRE = "containerd.io/gc.expire";
    public static final String FLAT = "containerd.io/gc.flat";

    private GcLabels() {
    }

    /** {@return the objects {@code labels} reference, in the namespace of their owner} */
    public static List<Node> references(String namespace, Map<String, String> labels) {
        List<Node> out = new ArrayList<>();
        for (var e : labels.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(CONTENT_REF)) {
                // the bare key, or a name after '.' or '/'; anything else merely shares the prefix
                if (key.length() == CONTENT_REF.length()
                        || key.charAt(CONTENT_REF.length()) == '.' || key.charAt(CONTENT_REF.length()) == '/') {
                    out.add(Node.of(ResourceType.CONTENT, namespace, e.getValue()));
                }
            } else if (key.startsWith(SNAPSHOT_REF)) {
                String snapshotter = key.substring(SNAPSHOT_REF.length());
                int slash = snapshotter.indexOf('/');
                if (slash >= 0) {
                    snapshotter = snapshotter.substring(0, slash);
                }
                out.add(Node.of(ResourceType.SNAPSHOT, namespace, snapshotter + "/" + e.getValue()));
            }
        }
        return out;
    }

    public static boolean isRoot(Map<String, String> labels) {
        return labels.containsKey(ROOT);
    }

    public static boolean isFlat(Map<String, String> labels) {
        return labels.containsKey(FLAT);
    }

    /**
     * {@return when a lease with {@code labels} expires; empty when it never does or the value
     * does not parse (upstream logs and ignores an invalid value, keeping the lease)}
     */
    public static Optional<Instant> expiry(Map<String, String> labels) {
        String value = labels.get(EXPIRE);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
