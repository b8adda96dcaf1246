package io.jcontainerd.daemon.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * containerd's {@code config.toml} (version 2), top level. Per-plugin sections stay raw here and
 * are bound to each plugin's own config record when the plugin initialises.
 */
public record DaemonConfig(
        int version,
        String root,
        String state,
        String temp,
        String pluginDir,
        List<String> disabledPlugins,
        List<String> requiredPlugins,
        int oomScore,
        List<String> imports,
        GrpcConfig grpc,
        TtrpcConfig ttrpc,
        DebugConfig debug,
        MetricsConfig metrics,
        CgroupConfig cgroup,
        Map<String, String> timeouts,
        Map<String, Object> plugins,
        Map<String, Object> proxyPlugins,
        Map<String, Object> streamProcessors) {

    public static final String DEFAULT_ROOT = "/var/lib/jcontainerd";
    public static final String DEFAULT_STATE = "/run/jcontainerd";
    public static final String DEFAULT_ADDRESS = "/run/jcontainerd/jcontainerd.sock";
    public static final String DEFAULT_CONFIG = "/etc/jcontainerd/config.toml";

    public DaemonConfig {
        disabledPlugins = List.copyOf(disabledPlugins);
        requiredPlugins = List.copyOf(requiredPlugins);
        imports = List.copyOf(imports);
        timeouts = new TreeMap<>(timeouts);
        plugins = new TreeMap<>(plugins);
        proxyPlugins = new TreeMap<>(proxyPlugins);
        streamProcessors = new TreeMap<>(streamProcessors);
    }

    /** Defaults without plugin sections; {@link ConfigDefaults} adds those from the registrations. */
    public static DaemonConfig defaults() {
        return new DaemonConfig(2, DEFAULT_ROOT, DEFAULT_STATE, "", "", List.of(), List.of(), 0, List.of(),
                GrpcConfig.defaults(), TtrpcConfig.defaults(), DebugConfig.defaults(), MetricsConfig.defaults(),
                CgroupConfig.defaults(), Timeouts.defaults(), Map.of(), Map.of(), Map.of());
    }

    public DaemonConfig withPaths(String root, String state, String address, String logLevel) {
        return new DaemonConfig(version, root == null ? this.root : root, state == null ? this.state : state,
                temp, pluginDir, disabledPlugins, requiredPlugins, oomScore, imports,
                address == null ? grpc : grpc.withAddress(address), ttrpc,
                logLevel == null ? debug : debug.withLevel(logLevel), metrics, cgroup, timeouts, plugins,
                proxyPlugins, streamProcessors);
    }

    /** {@return the ttrpc socket: {@code [ttrpc] address}, or the gRPC address + ".ttrpc" like containerd} */
    public String ttrpcAddress() {
        return ttrpc.address().isEmpty() ? grpc.address() + ".ttrpc" : ttrpc.address();
    }

    /** {@code [grpc]}. TCP listening is not served yet (see README). */
    public record GrpcConfig(String address, String tcpAddress, String tcpTlsCa, String tcpTlsCert,
                             String tcpTlsKey, int uid, int gid, int maxRecvMessageSize,
                             int maxSendMessageSize) {
        static GrpcConfig defaults() {
            return new GrpcConfig(DEFAULT_ADDRESS, "", "", "", "", 0, 0, 16 << 20, 16 << 20);
        }

        GrpcConfig withAddress(String a) {
            return new GrpcConfig(a, tcpAddress, tcpTlsCa, tcpTlsCert, tcpTlsKey, uid, gid, maxRecvMessageSize,
                    maxSendMessageSize);
        }
    }

    /** {@code [ttrpc]}. */
    public record TtrpcConfig(String address, int uid, int gid) {
        static TtrpcConfig defaults() {
            return new TtrpcConfig("", 0, 0);
        }
    }

    /** {@code [debug]}: {@code level} sets the log level; the pprof socket ({@code address}) is Go-only. */
    public record DebugConfig(String address, int uid, int gid, String level, String format) {
        static DebugConfig defaults() {
            return new DebugConfig("", 0, 0, "", "");
        }

        DebugConfig withLevel(String l) {
            return new DebugConfig(address, uid, gid, l, format);
        }
    }

    /** {@code [metrics]}. */
    public record MetricsConfig(String address, boolean grpcHistogram) {
        static MetricsConfig defaults() {
            return new MetricsConfig("", false);
        }
    }

    /** {@code [cgroup]}: the cgroup the daemon moves itself into. */
    public record CgroupConfig(String path) {
        static CgroupConfig defaults() {
            return new CgroupConfig("");
        }
    }
}
