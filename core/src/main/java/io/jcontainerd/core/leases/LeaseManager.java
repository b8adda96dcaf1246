package io.jcontainerd.core.leases;

import java.util.List;
import java.util.Map;

/**
 * The leases of one namespace and the resources each holds. Creating a lease in a namespace that
 * does not exist creates the namespace; deleting the namespace deletes its leases (they do not
 * keep it from being deleted).
 */
public interface LeaseManager {
    /**
     * Creates a lease stamped with the current time.
     *
     * @param id     any string; empty to have one generated ({@link LeaseIds#random()})
     * @param labels labels with empty values are dropped, as containerd drops them
     * @return the lease as stored
     * @throws io.jcontainerd.core.errdefs.ErrdefsException ALREADY_EXISTS ({@code lease "<id>": already exists});
     *     UNKNOWN for a label with an empty key, as containerd's store refuses it
     */
    Lease create(String id, Map<String, String> labels);

    /**
     * Deletes a lease and its resource list; the resources themselves are garbage collection's business.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND ({@code lease "<id>": not found})
     */
    void delete(String id);

    /**
     * {@return the leases matching any of {@code filters} (fields {@code id}, {@code labels.<key>}), in byte order of ID}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for a filter that does not parse
     */
    List<Lease> list(List<String> filters);

    /**
     * Adds a resource to a lease; adding it twice is no error.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND for a missing lease, else what
     *     {@link Resource#validate()} throws
     */
    void addResource(String leaseId, Resource resource);

    /**
     * Removes a resource from a lease; removing one the lease does not hold is no error.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND for a missing lease, else what
     *     {@link Resource#validate()} throws
     */
    void deleteResource(String leaseId, Resource resource);

    /**
     * {@return the lease's resources: content, then ingests, then snapshots by snapshotter, each in byte order of ID}
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND for a missing lease
     */
    List<Resource> listResources(String leaseId);
}
