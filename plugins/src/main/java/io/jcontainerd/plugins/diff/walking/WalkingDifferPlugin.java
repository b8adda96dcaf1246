package io.jcontainerd.plugins.diff.walking;

import io.jcontainerd.core.metadata.MetadataStore;
import io.jcontainerd.core.plugin.InitContext;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.plugins.diff.LayerApplier;
import io.jcontainerd.plugins.diff.LayerWriter;
import io.jcontainerd.sys.mount.Mounter;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.Syscalls;
import java.nio.file.Path;
import java.util.List;

/** {@code io.containerd.differ.v1 walking}, over the metadata layer's content; temporary mounts under {@code <root>/tmpmounts}. */
public final class WalkingDifferPlugin {
    public static final String ID = "walking";

    private WalkingDifferPlugin() {
    }

    public static Registration<WalkingDiffer> registration() {
        return Registration.of(PluginTypes.DIFFER, ID, List.of(PluginTypes.METADATA), ctx -> {
            ctx.meta().platform("linux/amd64");
            Syscalls sys = new LinuxSyscalls();
            return new WalkingDiffer(ctx.plugins().single(PluginTypes.METADATA, MetadataStore.class).content(),
                    new LayerApplier(sys), new LayerWriter(sys), new Mounter(sys),
                    Path.of(ctx.property(InitContext.PROPERTY_ROOT)).resolve("tmpmounts"), ApplyLimits.DEFAULT);
        });
    }
}
