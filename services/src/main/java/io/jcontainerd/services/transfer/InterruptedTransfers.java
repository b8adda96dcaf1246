package io.jcontainerd.services.transfer;

import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.core.leases.Resource;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.services.imagearchive.ArchiveImportService;
import io.jcontainerd.services.leases.LeasesService;
import io.jcontainerd.services.snapshots.SnapshotsService;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What the daemon pulls and imports that a crash cut off left behind, found by the labels of
 * their temporary leases as the daemon starts, before it serves (so no such lease is held by a
 * transfer under way). Snapshots layers were being applied into are removed: their files are
 * partial, and a retry applies those layers afresh. A pull's lease then becomes a failed pull's
 * ({@link PullLeases#failed}), so that a retry resumes its downloads; an import's is deleted, as
 * a failed import's is.
 */
final class InterruptedTransfers {
    private static final System.Logger LOG = System.getLogger(InterruptedTransfers.class.getName());

    private final LeasesService leases;
    private final SnapshotsService snapshots;
    private final PullLeases pulls;

    InterruptedTransfers(LeasesService leases, SnapshotsService snapshots, PullLeases pulls) {
        this.leases = leases;
        this.snapshots = snapshots;
        this.pulls = pulls;
    }

    void cleanUp(String namespace) throws InterruptedException {
        for (Lease lease : leases.list(namespace, List.of())) {
            String pulled = lease.labels().get(PullLeases.PULL_LABEL);
            boolean imported = lease.labels().containsKey(ArchiveImportService.IMPORT_LABEL);
            if (pulled == null && !imported) {
                continue;
            }
            LOG.log(System.Logger.Level.INFO, "{0} in namespace {1} was cut off when the daemon stopped",
                    pulled != null ? "pull of " + pulled : "an import", namespace);
            try {
                removeActiveSnapshots(namespace, lease.id());
                if (pulled != null) {
                    pulls.failed(namespace, lease.id(), pulled);
                } else {
                    leases.delete(namespace, lease.id(), false);
                }
            } catch (RuntimeException e) { // the lease expires as it would have
                LOG.log(System.Logger.Level.WARNING, "leaving lease {0}: {1}", lease.id(), e.getMessage());
            }
        }
    }

    /** Removes the lease's active snapshots, the ones layers were being applied into. */
    private void removeActiveSnapshots(String namespace, String leaseId) {
        for (Resource resource : leases.listResources(namespace, leaseId)) {
            Optional<String> name = Resource.snapshotterOf(resource.type());
            if (name.isEmpty()) {
                continue;
            }
            try {
                Snapshotter snapshotter = snapshots.snapshotter(name.get(), namespace, Optional.empty());
                if (snapshotter.stat(resource.id()).kind() == Kind.ACTIVE) {
                    snapshots.remove(snapshotter, namespace, resource.id());
                    leases.deleteResource(namespace, leaseId, resource);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "leaving snapshot {0} of a transfer cut off: {1}",
                        resource.id(), e.getMessage());
            }
        }
    }
}
