package io.jcontainerd.core.snapshots;

import io.jcontainerd.core.filters.Filter;
import io.jcontainerd.core.filters.Filters;
import io.jcontainerd.core.mount.Mount;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Allocates, snapshots and describes the mounts of filesystem changesets, as containerd's
 * {@code snapshots.Snapshotter}. See the {@linkplain io.jcontainerd.core.snapshots package
 * documentation} for the lifecycle and the meaning of key, name and parent.
 *
 * <p>All snapshots share one key space: an active snapshot's key may not equal a committed
 * snapshot's name. Errors are {@link io.jcontainerd.core.errdefs.ErrdefsException}s whose kind
 * says what went wrong (NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, INVALID_ARGUMENT);
 * {@link IOException} is a failure of the disk underneath.
 */
public interface Snapshotter extends AutoCloseable {
    /**
     * {@return the info of the active, view or committed snapshot {@code key}}; used to resolve
     * parents, check existence and tell the kind.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when there is none
     */
    Info stat(String key) throws IOException;

    /**
     * Updates the mutable fields of {@code info.name()}: field paths {@code labels} (replace all)
     * or {@code labels.<key>} (one; an absent or empty value removes it); no paths means all
     * mutable fields. Labels with empty values are not kept.
     *
     * @return the info after the update, {@code updated} set to now
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND for an unknown snapshot,
     *     INVALID_ARGUMENT for any other field path
     */
    Info update(Info info, List<String> fieldpaths) throws IOException;

    /**
     * {@return the disk use of {@code key} without its parents}: measured now for an active
     * snapshot (time proportional to its size), recorded at commit for a committed one, zero for a view.
     */
    Usage usage(String key) throws IOException;

    /**
     * {@return the mounts of the active or view snapshot {@code key}}, the same that
     * {@link #prepare} or {@link #view} returned.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND, or FAILED_PRECONDITION for
     *     a committed snapshot
     */
    List<Mount> mounts(String key) throws IOException;

    /**
     * Creates the active snapshot {@code key} on top of the committed {@code parent} ({@code ""}:
     * an empty directory). Once mounted, the target starts with the parent's content and captures
     * changes to it.
     *
     * @param labels the new snapshot's labels
     * @return the mounts that make up the snapshot
     * @throws io.jcontainerd.core.errdefs.ErrdefsException ALREADY_EXISTS when {@code key} is
     *     taken, NOT_FOUND for an unknown parent, INVALID_ARGUMENT for a parent that is not committed
     */
    List<Mount> prepare(String key, String parent, Map<String, String> labels) throws IOException;

    /**
     * Like {@link #prepare}, but a read-only view of {@code parent} that cannot be committed;
     * the mounts may carry {@code ro} and writes through them are lost.
     */
    List<Mount> view(String key, String parent, Map<String, String> labels) throws IOException;

    /**
     * Makes the active snapshot {@code key} the committed snapshot {@code name}, with the same
     * parent and {@code labels} (the active snapshot's labels are not inherited). {@code key} is
     * gone afterwards. Unmount the snapshot first.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException ALREADY_EXISTS when {@code name} is
     *     taken, NOT_FOUND for an unknown key, FAILED_PRECONDITION when {@code key} is not active
     */
    void commit(String name, String key, Map<String, String> labels) throws IOException;

    /**
     * Removes the snapshot {@code key}, of any kind, with everything it holds on disk.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND, or FAILED_PRECONDITION while
     *     the snapshot is the parent of another (remove children first)
     */
    void remove(String key) throws IOException;

    /** Calls {@code visitor} for each snapshot {@code filter} accepts, in key order; a thrown exception stops the walk. */
    void walk(Predicate<Info> filter, Consumer<Info> visitor) throws IOException;

    /**
     * Walks the snapshots matching any of {@code filters} (containerd's syntax over {@code name},
     * {@code parent}, {@code kind} and {@code labels.<key>}); none means all.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for a filter that does not parse
     */
    default void walk(List<String> filters, Consumer<Info> visitor) throws IOException {
        Filter filter = Filters.parseAll(filters);
        walk(info -> filter.match(SnapshotAdaptors.info(info)), visitor);
    }

    /**
     * Frees disk resources no snapshot owns any more: leftovers of removals and of creations
     * that a crash interrupted, as containerd's {@code snapshots.Cleaner}.
     */
    void cleanup() throws IOException;

    /** Releases the snapshotter's resources; closing twice is fine. */
    @Override
    void close();
}
