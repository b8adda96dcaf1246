package io.jcontainerd.core.plugin;

/** containerd's plugin types, spelled exactly as upstream so configs and {@code ctr plugins ls} match. */
public final class PluginTypes {
    public static final PluginType INTERNAL = new PluginType("io.containerd.internal.v1");
    public static final PluginType RUNTIME_V2 = new PluginType("io.containerd.runtime.v2");
    public static final PluginType SERVICE = new PluginType("io.containerd.service.v1");
    public static final PluginType GRPC = new PluginType("io.containerd.grpc.v1");
    public static final PluginType TTRPC = new PluginType("io.containerd.ttrpc.v1");
    public static final PluginType SNAPSHOTTER = new PluginType("io.containerd.snapshotter.v1");
    public static final PluginType MONITOR = new PluginType("io.containerd.monitor.v1");
    public static final PluginType DIFFER = new PluginType("io.containerd.differ.v1");
    public static final PluginType METADATA = new PluginType("io.containerd.metadata.v1");
    public static final PluginType CONTENT = new PluginType("io.containerd.content.v1");
    public static final PluginType GC = new PluginType("io.containerd.gc.v1");
    public static final PluginType EVENT = new PluginType("io.containerd.event.v1");
    public static final PluginType STREAMING = new PluginType("io.containerd.streaming.v1");
    public static final PluginType TRANSFER = new PluginType("io.containerd.transfer.v1");

    private PluginTypes() {
    }
}
