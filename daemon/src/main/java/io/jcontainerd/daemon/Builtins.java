package io.jcontainerd.daemon;

import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.plugins.metadata.MetadataPlugin;
import io.jcontainerd.services.healthcheck.HealthcheckPlugin;
import io.jcontainerd.services.introspection.IntrospectionGrpcService;
import io.jcontainerd.services.introspection.IntrospectionService;
import io.jcontainerd.services.namespaces.NamespacesGrpcService;
import io.jcontainerd.services.namespaces.NamespacesService;
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
                MetadataPlugin.registration(),
                IntrospectionService.registration(),
                NamespacesService.registration(),
                IntrospectionGrpcService.registration(),
                NamespacesGrpcService.registration(),
                HealthcheckPlugin.registration(),
                VersionGrpcService.registration());
    }
}
