package io.jcontainerd.core.content;

import io.jcontainerd.core.filters.Filter;
import io.jcontainerd.core.filters.Filters;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Inspects, lists and removes committed content. */
public interface Manager {
    /**
     * {@return what the store knows about {@code digest}}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when it is not committed
     */
    Info info(Digest digest) throws IOException;

    /**
     * Updates the mutable fields of a blob's info: {@code labels} or {@code labels.<key>} field
     * paths, all labels when none are given.
     *
     * @return the info after the update
     */
    Info update(Info info, List<String> fieldpaths) throws IOException;

    /** Calls {@code visitor} for every committed blob that {@code filter} accepts; a thrown exception stops the walk. */
    void walk(Predicate<Info> filter, Consumer<Info> visitor) throws IOException;

    /**
     * Walks the blobs matching any of {@code filters} (containerd's syntax, fields {@code digest}
     * and {@code labels.<key>}); none means all.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for a filter that does not parse
     */
    default void walk(List<String> filters, Consumer<Info> visitor) throws IOException {
        Filter filter = Filters.parseAll(filters);
        walk(info -> filter.match(ContentAdaptors.info(info)), visitor);
    }

    /**
     * Removes a committed blob.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when it is not committed
     */
    void delete(Digest digest) throws IOException;
}
