package io.jcontainerd.services.transfer;

import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.leases.Lease;
import io.jcontainerd.core.leases.LeaseIds;
import io.jcontainerd.core.leases.Resource;
import io.jcontainerd.services.leases.LeasesService;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The temporary lease of a daemon pull the client gave none: it keeps what the pull writes from
 * being collected half-way (24 h expiry, as upstream) and is deleted once the image holds it all.
 * Upstream deletes it after a failed pull too, losing what was fetched; here what it held moves to
 * a lease that expires after {@link #RETRY_WINDOW} and names the reference, so that a retry within
 * that window resumes (committed blobs are there, interrupted downloads continue with a ranged
 * request) without the failure showing in {@code ctr leases ls} for a day. A later successful
 * pull of the same reference deletes it. A pull a crash cut off is failed as the daemon starts
 * again ({@link InterruptedTransfers}).
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

    PullLeases(LeasesService leases) {
        this.leases = leases;
    }

    /** {@return the id of a new lease for a pull of {@code reference}} */
    String create(String namespace, String reference) {
        return leases.create(namespace, LeaseIds.random(),
                Map.of(GcLabels.EXPIRE, expiry(PULL_EXPIRY), PULL_LABEL, reference)).id();
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
