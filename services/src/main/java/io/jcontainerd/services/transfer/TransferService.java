package io.jcontainerd.services.transfer;

import io.jcontainerd.api.convert.ArchiveFiles;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.plugin.InitContext;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import io.jcontainerd.registry.hosts.ConfiguredHosts;
import io.jcontainerd.services.content.ContentService;
import io.jcontainerd.services.diff.DiffService;
import io.jcontainerd.services.imagearchive.ArchiveExportService;
import io.jcontainerd.services.imagearchive.ArchiveImportService;
import io.jcontainerd.services.images.ImagesService;
import io.jcontainerd.services.leases.LeasesService;
import io.jcontainerd.services.namespaces.NamespacesService;
import io.jcontainerd.services.snapshots.SnapshotsService;
import io.jcontainerd.services.transfer.pull.ImagePull;
import io.jcontainerd.services.transfer.pull.RegistryResolvers;
import io.jcontainerd.services.transfer.push.RegistryPush;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code io.containerd.transfer.v1 local}: performs transfers with the daemon's own services, as
 * upstream's local transfer service. The (source, destination) pair picks the operation; a pair
 * without one is NOT_IMPLEMENTED. A transfer that writes runs under the caller's lease, else a
 * temporary one so nothing it writes is collected half-way ({@link PullLeases} for pulls).
 */
public final class TransferService {
    public static final String ID = "local";
    private static final System.Logger LOG = System.getLogger(TransferService.class.getName());

    private final TransferConfig config;
    private final ContentService content;
    private final ImagesService images;
    private final SnapshotsService snapshots;
    private final DiffService diff;
    private final ArchiveOperations archives;
    private final PullLeases pullLeases;
    private final InterruptedTransfers interrupted;

    public TransferService(TransferConfig config, ContentService content, ImagesService images,
                           SnapshotsService snapshots, DiffService diff, LeasesService leases) {
        this.config = config;
        this.content = content;
        this.images = images;
        this.snapshots = snapshots;
        this.diff = diff;
        this.pullLeases = new PullLeases(leases);
        this.interrupted = new InterruptedTransfers(leases, snapshots, pullLeases);
        this.archives = new ArchiveOperations(new ArchiveImportService(content, images, snapshots, diff, leases),
                new ArchiveExportService(content, images));
        for (TransferConfig.UnpackConfig unpack : config.unpackConfig()) {
            try {
                Platforms.parse(unpack.platform());
            } catch (RuntimeException e) {
                throw Errdefs.invalidArgument(PluginTypes.TRANSFER.value() + ": platform configuration "
                        + unpack.platform() + " invalid");
            }
        }
    }

    public static Registration<TransferService> registration() {
        return new Registration<>(PluginTypes.TRANSFER, ID, List.of(PluginTypes.SERVICE), TransferConfig::defaults, ctx -> {
            ctx.meta().capability(ArchiveFiles.CAPABILITY);
            TransferService transfers = new TransferService(ctx.config(TransferConfig.class),
                    service(ctx, ContentService.ID, ContentService.class),
                    service(ctx, ImagesService.ID, ImagesService.class),
                    service(ctx, SnapshotsService.ID, SnapshotsService.class),
                    service(ctx, DiffService.ID, DiffService.class),
                    service(ctx, LeasesService.ID, LeasesService.class));
            transfers.cleanUpInterrupted(service(ctx, NamespacesService.ID, NamespacesService.class).list());
            return transfers;
        });
    }

    /** Cleans up after the transfers the daemon was doing when it last stopped ({@link InterruptedTransfers}). */
    private void cleanUpInterrupted(List<String> namespaces) throws InterruptedException {
        for (String namespace : namespaces) {
            interrupted.cleanUp(namespace);
        }
    }

    private static <T> T service(InitContext ctx, String id, Class<T> type) {
        return ctx.plugins().byId(PluginTypes.SERVICE, id, type)
                .orElseThrow(() -> new IllegalStateException(id + " not found"));
    }

    private record Operation(TransferEnd source, TransferEnd destination) {
    }

    /**
     * Moves {@code source} to {@code destination} in {@code namespace}.
     *
     * @param progress receives the transfer's progress events (from several threads, one at a time)
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_IMPLEMENTED for a pair no operation handles
     */
    public void transfer(String namespace, Optional<String> lease, TransferEnd source, TransferEnd destination,
                         Consumer<ProgressEvent> progress) throws IOException, InterruptedException {
        switch (new Operation(source, destination)) {
            case Operation(RegistrySource registry, ImageStoreTarget store) -> pull(namespace, lease, registry, store, progress);
            case Operation(ImageStoreTarget store, RegistrySource registry) -> push(namespace, store, registry, progress);
            case Operation(ArchiveImportSource archive, ImageStoreTarget store) ->
                    archives.importArchive(namespace, lease, archive, store, progress);
            case Operation(ImageStoreTarget store, ArchiveExportTarget archive) ->
                    archives.exportArchive(namespace, store, archive, progress);
            default -> throw Errdefs.notImplemented("transfer from " + source + " to " + destination);
        }
    }

    private void pull(String namespace, Optional<String> lease, RegistrySource registry, ImageStoreTarget store,
                      Consumer<ProgressEvent> progress) throws IOException, InterruptedException {
        List<ImagePull.Unpack> unpacks = unpacks(store.unpacks());
        String leaseId = lease.orElseGet(() -> pullLeases.create(namespace, registry.reference()));
        try (ConfiguredHosts hosts = RegistryResolvers.hosts(registry, config.configPath())) {
            ImagePull.Stores stores = new ImagePull.Stores(namespace, Optional.of(leaseId),
                    content.in(namespace, Optional.of(leaseId)), images, snapshots, diff);
            new ImagePull(stores, RegistryResolvers.resolver(hosts, registry), registry.reference(), store, unpacks,
                    config.maxConcurrentDownloads(), progress).run();
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (lease.isEmpty()) {
                pullLeases.failed(namespace, leaseId, registry.reference());
            }
            throw e;
        }
        if (lease.isEmpty()) {
            pullLeases.succeeded(namespace, leaseId, registry.reference()); // the image holds everything now
        }
    }

    /** Pushes the store's image; it only reads content, so it needs no lease. */
    private void push(String namespace, ImageStoreTarget store, RegistrySource registry, Consumer<ProgressEvent> progress)
            throws IOException {
        try (ConfiguredHosts hosts = RegistryResolvers.hosts(registry, config.configPath())) {
            new RegistryPush(namespace, content.in(namespace, Optional.empty()), images,
                    RegistryResolvers.resolver(hosts, registry), registry.reference(), store,
                    config.maxConcurrentUploadedLayers(), progress).run();
        }
    }

    /**
     * The requested unpacks that {@code unpack_config} supports: an entry whose platform matches,
     * with the requested snapshotter or, when none is named, the entry's. Others are skipped with
     * a warning, as upstream.
     */
    private List<ImagePull.Unpack> unpacks(List<ImageStoreTarget.Unpack> requested) {
        List<ImagePull.Unpack> decided = new ArrayList<>();
        for (ImageStoreTarget.Unpack want : requested) {
            Platform platform = want.platform() == null ? Platforms.defaultSpec() : want.platform();
            Optional<TransferConfig.UnpackConfig> supported = config.unpackConfig().stream()
                    .filter(c -> Platforms.only(Platforms.parse(c.platform())).match(platform))
                    .filter(c -> want.snapshotter().isEmpty() || want.snapshotter().equals(c.snapshotter()))
                    .findFirst();
            if (supported.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "Unpack configuration not supported, skipping: platform {0}, snapshotter {1}",
                        Platforms.format(platform), want.snapshotter());
                continue;
            }
            decided.add(new ImagePull.Unpack(platform, supported.get().snapshotter()));
        }
        return decided;
    }
}
