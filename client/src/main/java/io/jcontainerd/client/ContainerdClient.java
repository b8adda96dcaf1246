package io.jcontainerd.client;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.leases.LeaseIds;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection to a containerd-compatible daemon over its Unix socket. {@link #connect} blocks
 * until the daemon answers (or fails with containerd's {@code failed to dial} error); the
 * facades share the one channel. Close it to release the channel and its event loop thread.
 */
public final class ContainerdClient implements AutoCloseable {
    /** containerd's default snapshotter on Linux. */
    public static final String DEFAULT_SNAPSHOTTER = "overlayfs";
    /** The namespace label naming a namespace's own default snapshotter. */
    public static final String DEFAULT_SNAPSHOTTER_LABEL = "containerd.io/defaults/snapshotter";
    /** How long a temporary lease lives if its work never deletes it, as containerd's client sets it. */
    private static final Duration LEASE_EXPIRY = Duration.ofHours(24);

    private final DaemonChannel dialed;
    private final Channel channel;
    private final NamespacesClient namespaces;
    private final EventsClient events;
    private final LeasesClient leases;
    private final ImagesClient images;
    private final ContainersClient containers;
    private final TasksClient tasks;
    private final ContentClient content;
    private final DiffClient diff;
    private final IntrospectionClient introspection;
    private final VersionClient version;
    private final StreamingClient streaming;
    private final TransferClient transfer;
    private final String namespace;

    private ContainerdClient(DaemonChannel dialed, Channel channel, String namespace) {
        this.dialed = dialed;
        this.channel = channel;
        this.namespace = namespace;
        this.namespaces = new NamespacesClient(channel);
        this.events = new EventsClient(channel);
        this.leases = new LeasesClient(channel);
        this.images = new ImagesClient(channel);
        this.containers = new ContainersClient(channel);
        this.tasks = new TasksClient(channel);
        this.content = new ContentClient(channel);
        this.diff = new DiffClient(channel);
        this.introspection = new IntrospectionClient(channel);
        this.version = new VersionClient(channel);
        this.streaming = new StreamingClient(channel);
        this.transfer = new TransferClient(channel, streaming);
    }

    /**
     * Dials {@code address} ({@code /path/to.sock} or {@code unix:///path/to.sock}) and waits
     * at most the options' connect timeout for the daemon to answer.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException {@code failed to dial "<address>": ...}
     */
    public static ContainerdClient connect(String address, ClientOptions options) {
        return over(DaemonChannel.dial(address, options.effectiveConnectTimeout()), options);
    }

    /** {@return a client whose calls go through {@code dialed} with {@code options}' namespace and deadline} */
    public static ContainerdClient over(DaemonChannel dialed, ClientOptions options) {
        return new ContainerdClient(dialed, ClientInterceptors.intercept(dialed.channel(), interceptors(options)),
                options.namespace());
    }

    private static List<ClientInterceptor> interceptors(ClientOptions options) {
        List<ClientInterceptor> interceptors = new ArrayList<>(3);
        interceptors.add(new LeaseInterceptor());
        if (!options.namespace().isEmpty()) {
            interceptors.add(new NamespaceInterceptor(options.namespace()));
        }
        if (!options.callTimeout().isZero()) {
            interceptors.add(new DeadlineInterceptor(options.callTimeout()));
        }
        return interceptors;
    }

    public NamespacesClient namespaces() {
        return namespaces;
    }

    public LeasesClient leases() {
        return leases;
    }

    /** Work that runs under a lease; {@code T} is what it returns ({@code Void} for nothing). */
    @FunctionalInterface
    public interface LeasedWork<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} with every call it makes on this thread carrying the lease {@code leaseId},
     * so that what those calls create (blobs, snapshots) is held by the lease, as a Go client's
     * context carries one.
     */
    public <T> T withLease(String leaseId, LeasedWork<T> work) throws IOException {
        return ScopedValue.where(LeaseInterceptor.CURRENT, leaseId).call(work::run);
    }

    /** {@return the lease the calling scope's requests carry, if any: for work handed to other threads} */
    public Optional<String> currentLease() {
        return LeaseInterceptor.CURRENT.isBound() ? Optional.of(LeaseInterceptor.CURRENT.get()) : Optional.empty();
    }

    /**
     * Runs {@code work} under a new lease that expires in 24 hours, deleted (without waiting for a
     * collection) when it ends, as containerd's {@code client.WithLease}; work already running
     * under a lease just runs, under that one.
     */
    public <T> T withTemporaryLease(LeasedWork<T> work) throws IOException {
        if (LeaseInterceptor.CURRENT.isBound()) {
            return work.run();
        }
        // RFC 3339 in UTC: the zone-offset form read the JDK's time-zone database, 3-5 ms of a pull
        String expires = Instant.now().plus(LEASE_EXPIRY).truncatedTo(ChronoUnit.SECONDS).toString();
        String lease = leases.create(LeaseIds.random(), Map.of(GcLabels.EXPIRE, expires)).id();
        try {
            return withLease(lease, work);
        } finally {
            leases.delete(lease, false);
        }
    }

    /** {@return the snapshotter {@code name}, through the snapshots service} */
    public SnapshotsClient snapshots(String name) {
        return new SnapshotsClient(channel, name);
    }

    /**
     * {@return the snapshotter named, or for an empty name the namespace's default: its
     * {@value #DEFAULT_SNAPSHOTTER_LABEL} label, else {@value #DEFAULT_SNAPSHOTTER}}, as
     * containerd's client resolves it
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException when the namespace cannot be read
     */
    public SnapshotsClient snapshotsOrDefault(String name) {
        if (!name.isEmpty()) {
            return snapshots(name);
        }
        String label = namespaces.get(namespace).labels().getOrDefault(DEFAULT_SNAPSHOTTER_LABEL, "");
        return snapshots(label.isEmpty() ? DEFAULT_SNAPSHOTTER : label);
    }

    public DiffClient diff() {
        return diff;
    }

    public ImagesClient images() {
        return images;
    }

    public ContainersClient containers() {
        return containers;
    }

    public TasksClient tasks() {
        return tasks;
    }

    public ContentClient content() {
        return content;
    }

    public EventsClient events() {
        return events;
    }

    public ArchiveTransferClient archiveTransfers() {
        return new ArchiveTransferClient(channel);
    }

    public IntrospectionClient introspection() {
        return introspection;
    }

    /** {@return containerd 2.x's Streaming API: named streams for transfers} */
    public StreamingClient streaming() {
        return streaming;
    }

    /** {@return containerd 2.x's Transfer API: pulls (and more) done by the daemon} */
    public TransferClient transfer() {
        return transfer;
    }

    /** {@return whether the daemon serves containerd 2.x's Transfer API (jcontainerd does, containerd 1.6 does not)} */
    public boolean servesTransfers() {
        return transferCapabilities().isPresent();
    }

    /** {@return the capabilities of the daemon's Transfer API; empty when it serves none} */
    public Optional<List<String>> transferCapabilities() {
        return introspection.plugins(List.of("type==" + ArchiveTransferClient.PLUGIN_TYPE)).stream().findFirst()
                .map(PluginInfo::capabilities);
    }

    public VersionClient version() {
        return version;
    }

    @Override
    public void close() {
        dialed.close();
    }
}
