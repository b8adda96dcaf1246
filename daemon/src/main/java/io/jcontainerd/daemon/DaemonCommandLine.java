package io.jcontainerd.daemon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses containerd's daemon command line: global flags ({@code -c/--config}, {@code -l/--log-level},
 * {@code -a/--address}, {@code --root}, {@code --state}, {@code -h/--help}, {@code -v/--version}),
 * one or two dashes, {@code -flag value} or {@code -flag=value}, then an optional command
 * ({@code config default|dump}, {@code help}).
 *
 * <p>Hand-written rather than picocli: picocli's Java 5 class files cannot go into the JDK's AOT
 * cache, and building its model from annotations cost about 100 ms of every daemon start.
 */
public final class DaemonCommandLine {
    /** What the command line asks for. */
    public sealed interface Action {
    }

    /** Run the daemon, or run a {@code config} command, with these flags. */
    public record Run(Flags flags, Optional<String> configCommand) implements Action {
    }

    public record ShowHelp(String text) implements Action {
    }

    public record ShowVersion() implements Action {
    }

    /** Flags that are wrong; containerd prints "Incorrect Usage." and the help, then exits 1. */
    public record UsageError(String message) implements Action {
    }

    /** Flag values; {@code null} where not given. */
    public record Flags(String config, String logLevel, String address, String root, String state) {
        public boolean configGiven() {
            return config != null;
        }
    }

    public static final String HELP = """
            NAME:
               jcontainerd - high performance container runtime (a containerd drop-in in Java)

            USAGE:
               jcontainerd [global options] command [command options] [arguments...]

            DESCRIPTION:
               Without a command, starts the daemon in the foreground. A default configuration
               is used if no TOML configuration is given or found at the default location;
               "jcontainerd config default" prints it.

            COMMANDS:
               config   information on the containerd config
               help, h  Shows a list of commands or help for one command

            GLOBAL OPTIONS:
               --config value, -c value     path to the configuration file (default: "/etc/jcontainerd/config.toml")
               --log-level value, -l value  set the logging level [trace, debug, info, warn, error, fatal, panic]
               --address value, -a value    address for containerd's GRPC server
               --root value                 containerd root directory
               --state value                containerd state directory
               --help, -h                   show help
               --version, -v                print the version
            """;

    public static final String CONFIG_HELP = """
            NAME:
               jcontainerd config - information on the containerd config

            USAGE:
               jcontainerd config command [command options] [arguments...]

            COMMANDS:
               default  see the output of the default config
               dump     see the output of the final main config with imported in subconfig files

            OPTIONS:
               --help, -h  show help
            """;

    private static final Map<String, String> VALUE_FLAGS = Map.of(
            "c", "config", "config", "config",
            "l", "log-level", "log-level", "log-level",
            "a", "address", "address", "address",
            "root", "root", "state", "state");

    private DaemonCommandLine() {
    }

    public static Action parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("-")) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                i++;
                break;
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name = body;
            String inline = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                inline = body.substring(eq + 1);
            }
            switch (name) {
                case "h", "help" -> {
                    return new ShowHelp(HELP);
                }
                case "v", "version" -> {
                    return new ShowVersion();
                }
                default -> {
                    String canonical = VALUE_FLAGS.get(name);
                    if (canonical == null) {
                        return new UsageError("flag provided but not defined: -" + name);
                    }
                    if (inline == null) {
                        if (i + 1 >= args.size()) {
                            return new UsageError("flag needs an argument: -" + name);
                        }
                        inline = args.get(++i);
                    }
                    values.put(canonical, inline);
                }
            }
            i++;
        }
        Flags flags = new Flags(values.get("config"), values.get("log-level"), values.get("address"),
                values.get("root"), values.get("state"));
        List<String> rest = args.subList(i, args.size());
        if (rest.isEmpty()) {
            return new Run(flags, Optional.empty());
        }
        return switch (rest.getFirst()) {
            case "help", "h" -> new ShowHelp(rest.size() > 1 && rest.get(1).equals("config") ? CONFIG_HELP : HELP);
            case "config" -> configCommand(flags, rest.subList(1, rest.size()));
            default -> new UsageError("No help topic for '" + rest.getFirst() + "'");
        };
    }

    private static Action configCommand(Flags flags, List<String> rest) {
        if (rest.isEmpty() || rest.getFirst().equals("-h") || rest.getFirst().equals("--help")
                || rest.getFirst().equals("help") || rest.getFirst().equals("h")) {
            return new ShowHelp(CONFIG_HELP);
        }
        return switch (rest.getFirst()) {
            case "default", "dump" -> new Run(flags, Optional.of(rest.getFirst()));
            default -> new UsageError("No help topic for '" + rest.getFirst() + "'");
        };
    }
}
