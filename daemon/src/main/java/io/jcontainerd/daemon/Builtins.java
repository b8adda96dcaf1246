package io.jcontainerd.daemon;

import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.plugins.content.local.LocalContentPlugin;
import io.jcontainerd.plugins.diff.walking.WalkingDifferPlugin;
import io.jcontainerd.plugins.gc.GcSchedulerPlugin;
import io.jcontainerd.plugins.metadata.MetadataPlugin;
import io.jcontainerd.plugins.snapshots.SnapshotterPlugins;
import io.jcontainerd.services.content.ContentGrpcService;
import io.jcontainerd.services.content.ContentService;
import io.jcontainerd.services.diff.DiffGrpcService;
import io.jcontainerd.services.diff.DiffService;
import io.jcontainerd.services.events.EventsGrpcService;
import io.jcontainerd.services.events.ExchangePlugin;
import io.jcontainerd.services.healthcheck.HealthcheckPlugin;
import io.jcontainerd.services.images.ImagesGrpcService;
import io.jcontainerd.services.images.ImagesService;
import io.jcontainerd.services.introspection.IntrospectionGrpcService;
import io.jcontainerd.services.introspection.IntrospectionService;
import io.jcontainerd.services.leases.LeasesGrpcService;
import io.jcontainerd.services.leases.LeasesService;
import io.jcontainerd.services.namespaces.NamespacesGrpcService;
import io.jcontainerd.services.namespaces.NamespacesService;
import io.jcontainerd.services.snapshots.SnapshotsGrpcService;
import io.jcontainerd.services.snapshots.SnapshotsService;
import io.jcontainerd.services.streaming.StreamRegistry;
import io.jcontainerd.services.streaming.StreamingGrpcService;
import io.jcontainerd.services.transfer.TransferGrpcService;
import io.jcontainerd.services.transfer.TransferService;
import io.jcontainerd.services.version.VersionGrpcService;
import java.util.List;

/**
 * Every built-in plugin, in declaration order (the init order where requirements allow). Adding a
 * plugin is one line here plus its own {@code registration()}.
 */
public final class Builtins {
    private Builtins() {
    }

    public static List<Registration<?>> registrations() {
        return List.of(
                LocalContentPlugin.registration(),
                SnapshotterPlugins.nativeCopy(),
                SnapshotterPlugins.overlayfs(),
                MetadataPlugin.registration(),
                WalkingDifferPlugin.registration(),
                ExchangePlugin.registration(),
                GcSchedulerPlugin.registration(),
                IntrospectionService.registration(),
                ContentService.registration(),
                DiffService.registration(),
                ImagesService.registration(),
                LeasesService.registration(),
                NamespacesService.registration(),
                SnapshotsService.registration(),
                IntrospectionGrpcService.registration(),
                ContentGrpcService.registration(),
                DiffGrpcService.registration(),
                EventsGrpcService.registration(),
                HealthcheckPlugin.registration(),
                ImagesGrpcService.registration(),
                LeasesGrpcService.registration(),
                NamespacesGrpcService.registration(),
                SnapshotsGrpcService.registration(),
                StreamingGrpcService.registration(),
                TransferGrpcService.registration(),
                VersionGrpcService.registration(),
                StreamRegistry.registration(),
                TransferService.registration());
    }
}
