package io.jcontainerd.services.healthcheck;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.util.List;

/**
 * {@code io.containerd.grpc.v1 healthcheck}: {@code grpc.health.v1.Health}, SERVING once the
 * server runs and NOT_SERVING while it shuts down.
 */
public final class HealthcheckPlugin implements BindableService {
    private final HealthStatusManager health = new HealthStatusManager();

    public static Registration<HealthcheckPlugin> registration() {
        return Registration.of(PluginTypes.GRPC, "healthcheck", List.of(), ctx -> new HealthcheckPlugin());
    }

    public void serving() {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    }

    public void shuttingDown() {
        health.enterTerminalState();
    }

    @Override
    public ServerServiceDefinition bindService() {
        return health.getHealthService().bindService();
    }
}
