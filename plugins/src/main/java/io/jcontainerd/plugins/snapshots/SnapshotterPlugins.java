package io.jcontainerd.plugins.snapshots;

import io.jcontainerd.core.plugin.InitContext;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.core.plugin.SkipPluginException;
import io.jcontainerd.core.snapshots.Snapshotter;
import io.jcontainerd.plugins.snapshots.nativecopy.NativeSnapshotter;
import io.jcontainerd.plugins.snapshots.overlay.OverlaySnapshotter;
import io.jcontainerd.sys.LinuxSyscalls;
import io.jcontainerd.sys.Syscalls;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code io.containerd.snapshotter.v1 overlayfs} and {@code native}, with containerd's config
 * keys: {@code root_path} (default: the plugin's own root) and, for overlayfs,
 * {@code upperdir_label}. Overlayfs is skipped, with the reason as its status, where the host
 * cannot serve it.
 */
public final class SnapshotterPlugins {
    private static final String PLATFORM = "linux/amd64";

    private SnapshotterPlugins() {
    }

    /** {@code [plugins."io.containerd.snapshotter.v1.overlayfs"]} */
    public record OverlayConfig(String rootPath, boolean upperdirLabel) {
    }

    /** {@code [plugins."io.containerd.snapshotter.v1.native"]} */
    public record NativeConfig(String rootPath) {
    }

    public static Registration<Snapshotter> overlayfs() {
        return new Registration<>(PluginTypes.SNAPSHOTTER, "overlayfs", List.of(), () -> new OverlayConfig("", false),
                ctx -> {
                    ctx.meta().platform(PLATFORM);
                    Path root = root(ctx, ctx.config(OverlayConfig.class).rootPath());
                    Syscalls sys = new LinuxSyscalls();
                    Optional<String> unsupported = OverlaySnapshotter.unsupportedReason(sys, root);
                    if (unsupported.isPresent()) {
                        throw new SkipPluginException(unsupported.get());
                    }
                    return OverlaySnapshotter.open(sys, root);
                });
    }

    public static Registration<Snapshotter> nativeCopy() {
        return new Registration<>(PluginTypes.SNAPSHOTTER, "native", List.of(), () -> new NativeConfig(""), ctx -> {
            ctx.meta().platform(PLATFORM);
            return NativeSnapshotter.open(new LinuxSyscalls(), root(ctx, ctx.config(NativeConfig.class).rootPath()));
        });
    }

    private static Path root(InitContext ctx, String rootPath) {
        return rootPath.isEmpty() ? ctx.root() : Path.of(rootPath);
    }
}
