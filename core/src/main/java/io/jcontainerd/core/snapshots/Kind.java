package io.jcontainerd.core.snapshots;

import java.util.Locale;

/**
 * What a snapshot is in its lifecycle, as containerd's {@code snapshots.Kind}. The order is
 * upstream's ({@code KindUnknown} = 0 … {@code KindCommitted} = 3).
 */
public enum Kind {
    UNKNOWN("Unknown"),
    /** A read-only view of a committed parent, made by {@link Snapshotter#view}; never committed. */
    VIEW("View"),
    /** A writable snapshot made by {@link Snapshotter#prepare}; may be committed. */
    ACTIVE("Active"),
    /** The immutable result of {@link Snapshotter#commit}; the only kind that can be a parent. */
    COMMITTED("Committed");

    private final String text;

    Kind(String text) {
        this.text = text;
    }

    /** {@return upstream's {@code Kind.String()}: {@code Active}, {@code View}, {@code Committed} or {@code Unknown}} */
    @Override
    public String toString() {
        return text;
    }

    /** {@return the lowercase name filters match on ({@code kind==active}); empty for UNKNOWN, which filters never see} */
    public String filterName() {
        return this == UNKNOWN ? "" : text.toLowerCase(Locale.ROOT);
    }

    /** {@return the kind named {@code s} in any case, UNKNOWN for anything else, as upstream's {@code ParseKind}} */
    public static Kind parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "view" -> VIEW;
            case "active" -> ACTIVE;
            case "committed" -> COMMITTED;
            default -> UNKNOWN;
        };
    }
}
