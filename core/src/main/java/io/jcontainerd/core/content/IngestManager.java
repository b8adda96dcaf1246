package io.jcontainerd.core.content;

import io.jcontainerd.core.filters.Filter;
import io.jcontainerd.core.filters.Filters;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/** Inspects and cancels ingests (uncommitted writes). */
public interface IngestManager {
    /**
     * {@return the state of the ingest for {@code ref}}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when there is no such ingest
     */
    Status status(String ref) throws IOException;

    /** {@return the ingests that {@code filter} accepts} */
    List<Status> listStatuses(Predicate<Status> filter) throws IOException;

    /**
     * {@return the ingests matching any of {@code filters} (containerd's filter syntax, field
     * {@code ref}); none means all}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for a filter that does not parse
     */
    default List<Status> listStatuses(List<String> filters) throws IOException {
        Filter filter = Filters.parseAll(filters);
        return listStatuses(status -> filter.match(ContentAdaptors.status(status)));
    }

    /**
     * Cancels the ingest for {@code ref} and removes everything it wrote.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when there is no such ingest
     */
    void abort(String ref) throws IOException;
}
