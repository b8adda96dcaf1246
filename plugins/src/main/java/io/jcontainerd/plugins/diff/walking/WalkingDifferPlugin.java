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
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code io.containerd.differ.v1 walking}, over the metadata layer's content; temporary mounts
 * under {@code <root>/tmpmounts}, where it first removes those a crashed daemon left mounted.
 */
public final class WalkingDifferPlugin {
    public static final String ID = "walking";
    private static final System.Logger LOG = System.getLogger(WalkingDifferPlugin.class.getName());

    private WalkingDifferPlugin() {
    }

    public static Registration<WalkingDiffer> registration() {
        return Registration.of(PluginTypes.DIFFER, ID, List.of(PluginTypes.METADATA), ctx -> {
            ctx.meta().platform("linux/amd64");
            Syscalls sys = new LinuxSyscalls();
            Mounter mounter = new Mounter(sys);
            Path tempMounts = Path.of(ctx.property(InitContext.PROPERTY_ROOT)).resolve("tmpmounts");
            cleanup(mounter, tempMounts);
            return new WalkingDiffer(ctx.plugins().single(PluginTypes.METADATA, MetadataStore.class).content(),
                    new LayerApplier(sys), new LayerWriter(sys), mounter, tempMounts, ApplyLimits.DEFAULT);
        });
    }

    private static void cleanup(Mounter mounter, Path tempMounts) {
        try {
            for (Path removed : mounter.cleanupTempMounts(tempMounts)) {
                LOG.log(System.Logger.Level.INFO, "removed temporary mount {0} left by an earlier run", removed);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "failed to clean up temporary mounts under " + tempMounts + ": "
                    + e.getMessage());
        }
    }
}
