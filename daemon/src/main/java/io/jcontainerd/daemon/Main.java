package io.jcontainerd.daemon;

import io.jcontainerd.core.plugin.Registration;
import io.jcontainerd.core.plugin.RequiredPluginException;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code jcontainerd}: containerd's daemon command line (flags, {@code config default|dump}). */
@Command(name = "jcontainerd", mixinStandardHelpOptions = false,
        description = "High performance container runtime (a containerd drop-in written in Java)",
        subcommands = Main.ConfigCommand.class)
public final class Main implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, scope = ScopeType.INHERIT, paramLabel = "<path>",
            description = "path to the configuration file (default: ${DEFAULT-VALUE})")
    String config = DaemonConfig.DEFAULT_CONFIG;

    @Option(names = {"-l", "--log-level"}, scope = ScopeType.INHERIT,
            description = "set the logging level [trace, debug, info, warn, error, fatal, panic]")
    String logLevel;

    @Option(names = {"-a", "--address"}, scope = ScopeType.INHERIT, description = "address for containerd's GRPC server")
    String address;

    @Option(names = "--root", scope = ScopeType.INHERIT, description = "containerd root directory")
    String root;

    @Option(names = "--state", scope = ScopeType.INHERIT, description = "containerd state directory")
    String state;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "print the version")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "show help")
    boolean help;

    private final List<Registration<?>> registrations = Builtins.registrations();

    /** Started before anything else so Netty initialises while the command line and config load. */
    private static CompletableFuture<EventLoops> eventLoops;

    /** When main was entered: startup phases are logged (at debug) relative to it. */
    private static final long MAIN_ENTERED = System.nanoTime();

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-") && !isInfoFlag(args[0])) {
            eventLoops = EventLoops.warmUp();
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setCommandName("jcontainerd");
        DaemonVersion v = DaemonVersion.current();
        cli.getCommandSpec().version("jcontainerd " + DaemonVersion.PACKAGE + " " + v.version() + " " + v.revision());
        System.exit(cli.execute(args));
    }

    /** Runs the daemon in the foreground until SIGTERM or SIGINT. */
    @Override
    public Integer call() {
        LoadedConfig loaded;
        try {
            loaded = load();
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
        Log.debug("startup phase", "phase", "config loaded", "since_main_ms", sinceMain());
        warnUnsupported(cfg);
        DaemonVersion v = DaemonVersion.current();
        Log.info("starting containerd", "revision", v.revision(), "version", v.version());
        CountDownLatch stop = new CountDownLatch(1);
        SignalHandlers.onTerminate(stop::countDown);
        Daemon daemon;
        try {
            daemon = Daemon.start(cfg, new ConfigLoader(registrations), registrations, v,
                    eventLoops != null ? eventLoops : EventLoops.warmUp());
        } catch (RequiredPluginException e) {
            Log.log(Level.FATAL, "containerd: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            Log.log(Level.FATAL, "containerd: " + e.getMessage());
            return 1;
        }
        Log.info("containerd successfully booted in " + String.format("%.6fs", (System.nanoTime() - MAIN_ENTERED) / 1e9));
        awaitUninterruptibly(stop);
        Log.info("stop received, shutting down");
        daemon.close();
        Log.info("containerd stopped");
        return 0;
    }

    private static String sinceMain() {
        return String.format("%.1f", (System.nanoTime() - MAIN_ENTERED) / 1e6);
    }

    private static boolean isInfoFlag(String arg) {
        return arg.equals("-v") || arg.equals("--version") || arg.equals("-h") || arg.equals("--help");
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

    LoadedConfig load() throws ConfigException {
        ConfigLoader loader = new ConfigLoader(registrations);
        boolean explicit = !DaemonConfig.DEFAULT_CONFIG.equals(config);
        LoadedConfig loaded = loader.load(Path.of(config), explicit);
        DaemonConfig withFlags = loaded.config().withPaths(root, state, address, logLevel);
        return new LoadedConfig(withFlags, loaded.tree(), loaded.warnings());
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

    /** {@code jcontainerd config default|dump}. */
    @Command(name = "config", description = "information on the containerd config",
            subcommands = {ConfigCommand.Default.class, ConfigCommand.Dump.class})
    static final class ConfigCommand {
        @CommandLine.ParentCommand
        Main main;

        @Command(name = "default", description = "see the output of the default config")
        static final class Default implements Callable<Integer> {
            @CommandLine.ParentCommand
            ConfigCommand parent;

            @Override
            public Integer call() {
                System.out.print(TomlWriter.write(new ConfigLoader(parent.main.registrations).defaultTree()));
                return 0;
            }
        }

        @Command(name = "dump", description = "see the output of the final main config with imported in subconfig files")
        static final class Dump implements Callable<Integer> {
            @CommandLine.ParentCommand
            ConfigCommand parent;

            @Override
            public Integer call() {
                try {
                    System.out.print(TomlWriter.write(parent.main.load().tree()));
                    return 0;
                } catch (ConfigException e) {
                    System.err.println("jcontainerd: " + e.getMessage());
                    return 1;
                }
            }
        }
    }
}
