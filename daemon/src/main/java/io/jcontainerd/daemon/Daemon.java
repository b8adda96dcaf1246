package io.jcontainerd.daemon;

import io.grpc.BindableService;
import io.jcontainerd.core.events.Exchange;
import io.jcontainerd.core.plugin.InitContext;
import io.jcontainerd.core.plugin.LoadedPlugin;
import io.jcontainerd.core.plugin.PluginLoader;
import io.jcontainerd.core.plugin.PluginSet;
import io.jcontainerd.core.plugin.PluginStatus;
import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.daemon.config.ConfigException;
import io.jcontainerd.daemon.config.ConfigLoader;
import io.jcontainerd.daemon.config.DaemonConfig;
import io.jcontainerd.daemon.log.Log;
import io.jcontainerd.daemon.server.EventLoops;
import io.jcontainerd.daemon.server.CallActivity;
import io.jcontainerd.daemon.server.GrpcServer;
import io.jcontainerd.daemon.server.TtrpcEndpoint;
import io.jcontainerd.services.healthcheck.HealthcheckPlugin;
import io.jcontainerd.services.version.VersionGrpcService;
import io.jcontainerd.sys.digest.LibcryptoProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A running daemon: plugins initialised in dependency order, the gRPC API on its socket and the
 * ttrpc socket beside it. {@link #close()} undoes all of it in reverse.
 */
public final class Daemon implements AutoCloseable {
    /**
     * The root holds metadata, content and unpacked snapshots: nobody else may traverse it
     * (CVE-2024-25621; CVE-2021-41103 was setuid binaries run from unpacked layers).
     */
    private static final Set<PosixFilePermission> ROOT_MODE = PosixFilePermissions.fromString("rwx------");
    /** The state holds the sockets (0660) and the task bundles (0700 each), as upstream's 0711. */
    private static final Set<PosixFilePermission> STATE_MODE = PosixFilePermissions.fromString("rwx--x--x");

    private final PluginSet plugins;
    private final GrpcServer grpc;
    private final TtrpcEndpoint ttrpc;

    private Daemon(PluginSet plugins, GrpcServer grpc, TtrpcEndpoint ttrpc) {
        this.plugins = plugins;
        this.grpc = grpc;
        this.ttrpc = ttrpc;
    }

    public static Daemon start(DaemonConfig config, ConfigLoader loader, List<Registration<?>> registrations,
                               DaemonVersion version, CompletableFuture<EventLoops> eventLoops) throws IOException {
        // every blob is hashed: libcrypto's SHA-256 is fast from the first byte, the JDK's only once C2 compiled it
        Log.debug("startup", "sha256", LibcryptoProvider.install() ? "libcrypto" : "jdk");
        Path root = Path.of(config.root()).toAbsolutePath();
        Path state = Path.of(config.state()).toAbsolutePath();
        createDir(root, ROOT_MODE, true);
        createDir(state, STATE_MODE, false);
        // [timeouts] go in under their own names (io.containerd.timeout.*), as upstream's timeout package holds them
        Map<String, String> properties = new HashMap<>(config.timeouts());
        properties.putAll(Map.of(
                InitContext.PROPERTY_ROOT, root.toString(),
                InitContext.PROPERTY_STATE, state.toString(),
                InitContext.PROPERTY_GRPC_ADDRESS, config.grpc().address(),
                InitContext.PROPERTY_TTRPC_ADDRESS, config.ttrpcAddress(),
                VersionGrpcService.PROPERTY_VERSION, version.version(),
                VersionGrpcService.PROPERTY_REVISION, version.revision()));
        PluginLoader pluginLoader = new PluginLoader(root, state, properties, r -> {
            try {
                return loader.pluginConfig(r, config, new ArrayList<>());
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, Daemon::logPlugin);
        PluginSet plugins = pluginLoader.load(registrations, new HashSet<>(config.disabledPlugins()),
                new HashSet<>(config.requiredPlugins()));
        Log.debug("startup", "phase", "plugins loaded", "since_main", Main.sinceMain());
        TtrpcEndpoint ttrpc = null;
        try {
            // ttrpc first: once the gRPC socket answers, clients may rely on everything else being up
            ttrpc = TtrpcEndpoint.start(Path.of(config.ttrpcAddress()), config.ttrpc().uid(),
                    config.ttrpc().gid(), plugins);
            EventLoops loops = EventLoops.await(eventLoops);
            Log.debug("startup", "phase", "event loops ready", "since_main", Main.sinceMain());
            GrpcServer grpc = GrpcServer.start(config.grpc(), plugins.instancesOf(BindableService.class), loops);
            plugins.instancesOf(HealthcheckPlugin.class).forEach(HealthcheckPlugin::serving);
            Log.info("serving...", "address", grpc.socket());
            Log.info("serving...", "address", ttrpc.socket());
            return new Daemon(plugins, grpc, ttrpc);
        } catch (IOException | RuntimeException e) {
            if (ttrpc != null) {
                ttrpc.close();
            }
            closePlugins(plugins);
            throw e;
        }
    }

    /** {@return how busy clients keep the gRPC server} */
    public CallActivity clientActivity() {
        return grpc.activity();
    }

    public PluginSet plugins() {
        return plugins;
    }

    private static void logPlugin(LoadedPlugin p) {
        String uri = p.registration().uri();
        if (p.status() == PluginStatus.OK) {
            Log.info("loading plugin " + quote(uri) + "...", "type", p.type());
        } else if (p.status() == PluginStatus.SKIP) {
            Log.info("skip loading plugin " + quote(uri) + "...", "error", p.error().getMessage(), "type", p.type());
        } else {
            Log.warn("failed to load plugin " + uri, "error", String.valueOf(p.error().getMessage()));
        }
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /**
     * Creates {@code dir} with {@code mode}; with {@code tighten}, an existing one is given that mode
     * too: a root made 0711 by an earlier release is closed at the next start, as upstream does
     * since CVE-2024-25621. A daemon that does not own the directory (rootless) leaves it as it is.
     */
    private static void createDir(Path dir, Set<PosixFilePermission> mode, boolean tighten) throws IOException {
        boolean existed = Files.isDirectory(dir);
        if (!existed) {
            Files.createDirectories(dir);
        }
        if ((!existed || tighten) && !Files.getPosixFilePermissions(dir).equals(mode)) {
            try {
                Files.setPosixFilePermissions(dir, mode);
            } catch (IOException e) {
                Log.warn("cannot change the mode of the directory", "dir", dir, "mode", PosixFilePermissions.toString(mode),
                        "error", e.getMessage());
            }
        }
    }

    /**
     * Stops serving (health first, so probes see it; event subscriptions next, as they never end on
     * their own and would hold up the grace period), then closes plugins in reverse init order.
     */
    @Override
    public void close() {
        plugins.instancesOf(HealthcheckPlugin.class).forEach(HealthcheckPlugin::shuttingDown);
        plugins.instancesOf(Exchange.class).forEach(Exchange::close);
        grpc.stop(5_000);
        ttrpc.close();
        closePlugins(plugins);
    }

    private static void closePlugins(PluginSet plugins) {
        List<AutoCloseable> closeables = new ArrayList<>(plugins.instancesOf(AutoCloseable.class));
        for (AutoCloseable c : closeables.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                Log.warn("close plugin", "error", String.valueOf(e.getMessage()));
            }
        }
    }

}
