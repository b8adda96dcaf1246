package io.jcontainerd.daemon;

import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.daemon.DaemonCommandLine.Flags;
import io.jcontainerd.daemon.DaemonCommandLine.Run;
import io.jcontainerd.daemon.DaemonCommandLine.ShowHelp;
import io.jcontainerd.daemon.DaemonCommandLine.ShowVersion;
import io.jcontainerd.daemon.DaemonCommandLine.UsageError;
import io.jcontainerd.daemon.config.ConfigException;
import io.jcontainerd.daemon.config.ConfigLoader;
import io.jcontainerd.daemon.config.DaemonConfig;
import io.jcontainerd.daemon.config.LoadedConfig;
import io.jcontainerd.daemon.config.TomlWriter;
import io.jcontainerd.daemon.log.JulBridge;
import io.jcontainerd.daemon.log.Level;
import io.jcontainerd.daemon.log.Log;
import io.jcontainerd.daemon.server.EventLoops;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** {@code jcontainerd}: containerd's daemon command line, the daemon's lifecycle, {@code config default|dump}. */
public final class Main {
    /** When main was entered: the boot time in the log is measured from here. */
    private static final long MAIN_ENTERED = System.nanoTime();

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(DaemonCommandLine.parse(Arrays.asList(args))));
    }

    static int run(DaemonCommandLine.Action action) {
        return switch (action) {
            case ShowHelp h -> {
                System.out.print(h.text());
                yield 0;
            }
            case ShowVersion v -> {
                DaemonVersion version = DaemonVersion.current();
                System.out.println("jcontainerd " + DaemonVersion.PACKAGE + " " + version.version() + " " + version.revision());
                yield 0;
            }
            case UsageError e -> {
                System.err.println("Incorrect Usage. " + e.message());
                System.err.println();
                System.err.print(DaemonCommandLine.HELP);
                yield 1;
            }
            case Run r when r.configCommand().isPresent() -> configCommand(r.flags(), r.configCommand().get());
            case Run r -> serve(r.flags());
        };
    }

    private static int configCommand(Flags flags, String command) {
        List<Registration<?>> registrations = Builtins.registrations();
        ConfigLoader loader = new ConfigLoader(registrations);
        try {
            var tree = command.equals("default") ? loader.defaultTree() : load(loader, flags).tree();
            System.out.print(TomlWriter.write(tree));
            return 0;
        } catch (ConfigException e) {
            System.err.println("jcontainerd: " + e.getMessage());
            return 1;
        }
    }

    /** Runs the daemon in the foreground until SIGTERM or SIGINT. */
    private static int serve(Flags flags) {
        // Netty initialises on its own thread while the config and plugins load
        CompletableFuture<EventLoops> eventLoops = EventLoops.warmUp();
        List<Registration<?>> registrations = Builtins.registrations();
        ConfigLoader loader = new ConfigLoader(registrations);
        LoadedConfig loaded;
        try {
            loaded = load(loader, flags);
        } catch (ConfigException e) {
            System.err.println("jcontainerd: " + e.getMessage());
            return 1;
        }
        DaemonConfig cfg = loaded.config();
        try {
            Log.setLevel(cfg.debug().level().isEmpty() ? Level.INFO : Level.parse(cfg.debug().level()));
        } catch (IllegalArgumentException e) {
            System.err.println("jcontainerd: " + e.getMessage());
            return 1;
        }
        JulBridge.install();
        loaded.warnings().forEach(w -> Log.warn("config: " + w));
        warnUnsupported(cfg);
        Log.debug("startup", "phase", "config loaded", "since_main", sinceMain());
        DaemonVersion v = DaemonVersion.current();
        Log.info("starting containerd", "revision", v.revision(), "version", v.version());
        CountDownLatch stop = new CountDownLatch(1);
        SignalHandlers.onTerminate(stop::countDown);
        Daemon daemon;
        try {
            daemon = Daemon.start(cfg, loader, registrations, v, eventLoops);
        } catch (Exception e) {
            Log.log(Level.FATAL, "containerd: " + e.getMessage());
            return 1;
        }
        Log.info("containerd successfully booted in " + String.format("%.6fs", (System.nanoTime() - MAIN_ENTERED) / 1e9));
        WarmUp.start(() -> daemon.clientActivity().awaitQuiet(ClassWarmUp.LULL));
        awaitUninterruptibly(stop);
        Log.info("stop received, shutting down");
        daemon.close();
        Log.info("containerd stopped");
        return 0;
    }

    /**
     * The config file (a missing one is an error only when named) over the defaults; the typed
     * config also takes the path and log flags, the tree (what {@code config dump} prints) does
     * not, as upstream.
     */
    private static LoadedConfig load(ConfigLoader loader, Flags flags) throws ConfigException {
        Path file = Path.of(flags.configGiven() ? flags.config() : DaemonConfig.DEFAULT_CONFIG);
        LoadedConfig loaded = loader.load(file, flags.configGiven());
        DaemonConfig withFlags = loaded.config().withPaths(flags.root(), flags.state(), flags.address(), flags.logLevel());
        return new LoadedConfig(withFlags, loaded.tree(), loaded.warnings());
    }

    /** {@return milliseconds since main was entered, for startup-phase debug logs} */
    static String sinceMain() {
        return String.format("%.1fms", (System.nanoTime() - MAIN_ENTERED) / 1e6);
    }

    private static void warnUnsupported(DaemonConfig cfg) {
        if (!cfg.grpc().tcpAddress().isEmpty()) {
            Log.warn("config: grpc.tcp_address is not served yet; only the unix socket listens");
        }
        if (!cfg.debug().address().isEmpty()) {
            Log.warn("config: debug.address (Go pprof socket) has no equivalent and is ignored");
        }
        if (!cfg.metrics().address().isEmpty()) {
            Log.warn("config: metrics.address (Prometheus endpoint) is not served yet");
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // only a signal ends the daemon
            }
        }
    }
}
