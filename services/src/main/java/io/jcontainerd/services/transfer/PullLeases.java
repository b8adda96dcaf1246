package io.jcontainerd.services.transfer;

import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.core.leases.LeaseIds;
import io.jcontainerd.core.leases.Resource;
import io.jcontainerd.core.snapshots.Kind;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.services.leases.LeasesService;
import io.jcontainerd.services.snapshots.SnapshotsService;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The temporary lease of a daemon pull the client gave none: it keeps what the pull writes from
 * being collected half-way (24 h expiry, as upstream) and is deleted once the image holds it all.
 * Upstream deletes it after a failed pull too, losing what was fetched; here what it held moves to
 * a lease that expires after {@link #RETRY_WINDOW} and names the reference, so that a retry within
 * that window resumes (committed blobs are there, interrupted downloads continue with a ranged
 * request) without the failure showing in {@code ctr leases ls} for a day. A later successful
 * pull of the same reference deletes it. A pull the daemon stopped in (a crash) is failed when
 * the daemon starts again, and the snapshots it was applying layers into are removed: their
 * files are partial, and a retry applies those layers afresh.
 */
final class PullLeases {
    /** How long what a failed pull fetched is kept for a retry. */
    static final Duration RETRY_WINDOW = Duration.ofHours(1);
    /** Marks a failed pull's lease; the value is the reference. */
    static final String FAILED_PULL_LABEL = "jcontainerd.io/failed-pull";
    /** Marks the lease of a pull under way; the value is the reference. */
    static final String PULL_LABEL = "jcontainerd.io/pull";
    private static final Duration PULL_EXPIRY = Duration.ofHours(24);
    private static final System.Logger LOG = System.getLogger(PullLeases.class.getName());

    private final LeasesService leases;
    private final SnapshotsService snapshots;

    PullLeases(LeasesService leases, SnapshotsService snapshots) {
        this.leases = leases;
        this.snapshots = snapshots;
    }

    /** {@return the id of a new lease for a pull of {@code reference}} */
    String create(String namespace, String reference) {
        return leases.create(namespace, LeaseIds.random(),
                Map.of(GcLabels.EXPIRE, expiry(PULL_EXPIRY), PULL_LABEL, reference)).id();
    }

    /**
     * Fails the pulls of {@code namespace} that were under way when the daemon stopped. Call it
     * as the daemon starts, before it serves: every pull lease then is one nobody holds.
     */
    void failInterrupted(String namespace) throws InterruptedException {
        for (Lease lease : leases.list(namespace, List.of())) {
            String reference = lease.labels().get(PULL_LABEL);
            if (reference == null) {
                continue;
            }
            LOG.log(System.Logger.Level.INFO, "pull of {0} in namespace {1} was cut off when the daemon stopped",
                    reference, namespace);
            try {
                removeActiveSnapshots(namespace, lease.id());
                failed(namespace, lease.id(), reference);
            } catch (RuntimeException e) { // the lease expires as it would have
                LOG.log(System.Logger.Level.WARNING, "leaving lease {0} of that pull: {1}", lease.id(), e.getMessage());
            }
        }
    }

    /** Removes the lease's active snapshots, the ones layers were being applied into. */
    private void removeActiveSnapshots(String namespace, String leaseId) {
        for (Resource resource : leases.listResources(namespace, leaseId)) {
            if (!resource.type().startsWith(Resource.SNAPSHOTS + "/")) {
                continue;
            }
            try {
                Snapshotter snapshotter = snapshots.snapshotter(
                        resource.type().substring(Resource.SNAPSHOTS.length() + 1), namespace, Optional.empty());
                if (snapshotter.stat(resource.id()).kind() == Kind.ACTIVE) {
                    snapshots.remove(snapshotter, namespace, resource.id());
                    leases.deleteResource(namespace, leaseId, resource);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "leaving snapshot {0} of an interrupted pull: {1}",
                        resource.id(), e.getMessage());
            }
        }
    }

    /** The pull of {@code reference} succeeded: its lease and those of earlier failures go. */
    void succeeded(String namespace, String leaseId, String reference) throws InterruptedException {
        leases.delete(namespace, leaseId, false);
        for (Lease earlier : leases.list(namespace, List.of())) {
            if (reference.equals(earlier.labels().get(FAILED_PULL_LABEL))) {
                leases.delete(namespace, earlier.id(), false);
            }
        }
    }

    /** The pull of {@code reference} failed: what its lease holds is kept for {@link #RETRY_WINDOW}. */
    void failed(String namespace, String leaseId, String reference) throws InterruptedException {
        List<Resource> held = leases.listResources(namespace, leaseId);
        if (!held.isEmpty()) {
            String kept = leases.create(namespace, LeaseIds.random(), Map.of(GcLabels.EXPIRE, expiry(RETRY_WINDOW),
                    FAILED_PULL_LABEL, reference)).id();
            held.forEach(resource -> leases.addResource(namespace, kept, resource));
            LOG.log(System.Logger.Level.INFO, "pull of {0} failed; lease {1} keeps what was fetched for {2} for a retry",
                    reference, kept, RETRY_WINDOW);
        }
        leases.delete(namespace, leaseId, false);
    }

    private static String expiry(Duration from) {
        return OffsetDateTime.now().plus(from).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
