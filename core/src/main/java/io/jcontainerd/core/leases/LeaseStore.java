package io.jcontainerd.core.leases;

/** Where leases are kept: one {@link LeaseManager} per namespace. */
@FunctionalInterface
public interface LeaseStore {
    /** {@return the leases of {@code namespace}, which the caller has validated} */
    LeaseManager in(String namespace);
}
