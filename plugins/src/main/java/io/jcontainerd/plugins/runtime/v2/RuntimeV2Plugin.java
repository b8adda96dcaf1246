package io.jcontainerd.plugins.runtime.v2;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.events.Publisher;
import io.jcontainerd.core.plugin.InitContext;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.sys.LinuxSyscalls;
import java.util.List;

/**
 * Registers {@link ShimTaskManager} as {@code io.containerd.runtime.v2 task}, reconnecting to the
 * shims a previous daemon left; {@code [timeouts]} arrive as daemon properties under their own names,
 * the plugin's section is {@link RuntimeV2Config}.
 */
public final class RuntimeV2Plugin {
    private RuntimeV2Plugin() {
    }

    public static Registration<ShimTaskManager> registration() {
        return new Registration<>(PluginTypes.RUNTIME_V2, ShimTaskManager.ID, List.of(PluginTypes.EVENT, PluginTypes.METADATA),
                RuntimeV2Config::defaults, ctx -> {
            ctx.meta().platform("linux/amd64");
            ShimGroups groups;
            try {
                groups = new ShimGroups(ctx.config(RuntimeV2Config.class).shimGroupSize());
            } catch (IllegalArgumentException e) {
                throw Errdefs.invalidArgument(e.getMessage());
            }
            ShimTaskManager manager = new ShimTaskManager(ctx.root(), ctx.state(), System.getenv("PATH"),
                    ctx.property(InitContext.PROPERTY_GRPC_ADDRESS), ctx.property(InitContext.PROPERTY_TTRPC_ADDRESS),
                    ctx.plugins().single(PluginTypes.EVENT, Publisher.class), new LinuxSyscalls(),
                    ShimTimeouts.of(ctx.properties()), groups);
            manager.loadExisting();
            return manager;
        });
    }
}
