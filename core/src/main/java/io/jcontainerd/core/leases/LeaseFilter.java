package io.jcontainerd.core.leases;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.filters.Adaptor;
import io.jcontainerd.core.filters.Adaptors;
import io.jcontainerd.core.filters.Filter;
import io.jcontainerd.core.filters.Filters;
import java.util.List;
import java.util.Optional;

/**
 * The filters of a lease List request. Leases expose {@code id} (present when non-empty) and
 * {@code labels.<key>}.
 */
public record LeaseFilter(Filter filter) {
    /**
     * Parses the request's filter strings; none match every lease.
     *
     * @throws ErrdefsException INVALID_ARGUMENT; the lease manager wraps the filter error once more
     *     than {@link Filters#parseAll} does, so the message ends in {@code ": invalid argument: invalid argument"}
     *     as containerd's does
     */
    public static LeaseFilter parse(List<String> filters) {
        try {
            return new LeaseFilter(Filters.parseAll(filters));
        } catch (ErrdefsException e) {
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT,
                    e.getMessage() + ": " + ErrorKind.INVALID_ARGUMENT.text(), e);
        }
    }

    public boolean matches(Lease lease) {
        return filter.match(adaptor(lease));
    }

    private static Adaptor adaptor(Lease lease) {
        return fieldpath -> switch (fieldpath.getFirst()) {
            case "id" -> Adaptors.nonEmpty(lease.id());
            case "labels" -> Adaptors.labels(lease.labels(), fieldpath.subList(1, fieldpath.size()));
            default -> Optional.empty();
        };
    }
}
