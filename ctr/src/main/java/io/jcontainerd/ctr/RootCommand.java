package io.jcontainerd.ctr;

import io.jcontainerd.core.time.GoDuration;
import io.jcontainerd.ctr.cli.GoDurationConverter;
import io.jcontainerd.ctr.cli.HelpCommand;
import io.jcontainerd.ctr.commands.GlobalOptions;
import io.jcontainerd.ctr.commands.content.ContentCommand;
import io.jcontainerd.ctr.commands.events.EventsCommand;
import io.jcontainerd.ctr.commands.containers.ContainersCommand;
import io.jcontainerd.ctr.commands.images.ImagesCommand;
import io.jcontainerd.ctr.commands.leases.LeasesCommand;
import io.jcontainerd.ctr.commands.namespaces.NamespacesCommand;
import io.jcontainerd.ctr.commands.oci.OciCommand;
import io.jcontainerd.ctr.commands.plugins.PluginsCommand;
import io.jcontainerd.ctr.commands.run.RunCommand;
import io.jcontainerd.ctr.commands.snapshots.SnapshotsCommand;
import io.jcontainerd.ctr.commands.tasks.TasksCommand;
import io.jcontainerd.ctr.commands.version.VersionCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ctr} command: global flags (in ctr's order, which help shows) and the command groups. */
@Command(name = "ctr",
        header = """

                        __
                  _____/ /______
                 / ___/ __/ ___/
                / /__/ /_/ /
                \\___/\\__/_/

                containerd CLI
                """,
        description = """

                ctr is an unsupported debug and administrative client for interacting
                with the containerd daemon. Because it is unsupported, the commands,
                options, and operations are not guaranteed to be backward compatible or
                stable from release to release of the containerd project.""")
final class RootCommand {
    /** The command groups, in ctr's order (help lists them so); added by {@link #groupsFor}. */
    static final List<Class<?>> GROUPS = List.of(PluginsCommand.class, VersionCommand.class, ContainersCommand.class,
            ContentCommand.class, EventsCommand.class, ImagesCommand.class, LeasesCommand.class, NamespacesCommand.class,
            RunCommand.class, SnapshotsCommand.class, TasksCommand.class, OciCommand.class, HelpCommand.class);

    /** The commands of each group that has some, in ctr's order. */
    private static final Map<Class<?>, List<Class<?>>> SUBCOMMANDS = Map.of(
            PluginsCommand.class, PluginsCommand.SUBCOMMANDS, ContainersCommand.class, ContainersCommand.SUBCOMMANDS,
            ContentCommand.class, ContentCommand.SUBCOMMANDS, ImagesCommand.class, ImagesCommand.SUBCOMMANDS,
            LeasesCommand.class, LeasesCommand.SUBCOMMANDS, NamespacesCommand.class, NamespacesCommand.SUBCOMMANDS,
            SnapshotsCommand.class, SnapshotsCommand.SUBCOMMANDS, TasksCommand.class, TasksCommand.SUBCOMMANDS,
            OciCommand.class, OciCommand.SUBCOMMANDS);

    /** Environment variables that supply a flag's default, by the flag's first name. */
    static final Map<String, String> ENV_VARS = Map.of(
            "--address", "CONTAINERD_ADDRESS",
            "--namespace", "CONTAINERD_NAMESPACE",
            "--snapshotter", "CONTAINERD_SNAPSHOTTER");

    /** Where ctr dials when neither {@code --address} nor its variable says. */
    static final String DEFAULT_ADDRESS = "/run/containerd/containerd.sock";
    /** Commands that never dial the daemon. */
    private static final List<String> LOCAL_COMMANDS = List.of("oci", "help", "h");

    @Option(names = {"--debug", "-debug"}, description = "enable debug output in logs")
    boolean debug;

    @Option(names = {"--address", "-address", "-a", "--a"}, description = "address for containerd's GRPC server",
            defaultValue = DEFAULT_ADDRESS)
    String address;

    @Option(names = {"--timeout", "-timeout"}, description = "total timeout for ctr commands",
            defaultValue = "0s", converter = GoDurationConverter.class)
    Duration timeout;

    @Option(names = {"--connect-timeout", "-connect-timeout"}, description = "timeout for connecting to containerd",
            defaultValue = "0s", converter = GoDurationConverter.class)
    Duration connectTimeout;

    @Option(names = {"--namespace", "-namespace", "-n", "--n"}, description = "namespace to use with commands",
            defaultValue = "default")
    String namespace;

    @Option(names = {"--help", "-help", "-h", "--h"}, usageHelp = true, description = "show help")
    boolean help;

    @Option(names = {"--version", "-version", "-v", "--v"}, versionHelp = true, description = "print the version")
    boolean version;

    /**
     * {@return the groups a command line needs}: only the group it names, when the global flags
     * are followed by one (building the model of every group's commands was most of a short
     * command's start); every group for help screens, {@code help} and anything picocli must reject.
     */
    static List<Class<?>> groupsFor(String... args) {
        LeadingArgs leading = LeadingArgs.scan(args);
        if (leading == null || leading.command() == null) {
            return GROUPS;
        }
        return GROUPS.stream().filter(group -> group != HelpCommand.class && names(group).contains(leading.command()))
                .findFirst().<List<Class<?>>>map(List::of).orElse(GROUPS);
    }

    /**
     * {@return the commands of {@code group} a command line needs}: only the one it names right
     * after the group (each command's model is built from annotations, 5-15 ms each on a cold
     * JVM); all of them when it names none of them (help, errors, group flags first) or names
     * another group.
     */
    static List<Class<?>> subcommandsFor(Class<?> group, String... args) {
        List<Class<?>> all = SUBCOMMANDS.getOrDefault(group, List.of());
        LeadingArgs leading = LeadingArgs.scan(args);
        if (leading == null || leading.command() == null || !names(group).contains(leading.command())) {
            return all;
        }
        int next = leading.commandIndex() + 1;
        if (next >= args.length) {
            return all;
        }
        return all.stream().filter(command -> names(command).contains(args[next])).findFirst()
                .<List<Class<?>>>map(List::of).orElse(all);
    }

    /**
     * {@return whether the command line is a leading version flag followed by words only}: urfave
     * prints the version then whatever the words say, so the answer needs no picocli model (whose
     * every group it would build, most of such a start); any later flag goes through picocli,
     * which rejects an unknown one as ctr does.
     */
    static boolean asksOnlyForVersion(String... args) {
        if (args.length == 0 || !GlobalFlag.VERSION.names.contains(args[0])) {
            return false;
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("-")) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return where the command line will dial the daemon, read before picocli parses it}: the
     * address and connect timeout of the global flags (or their defaults), when a command that may
     * talk to the daemon follows them; empty for help, {@code oci} and flags this quick reading
     * does not know. Reads no annotations: that reflection is what picocli's start is slow at.
     */
    static Optional<DialTarget> dialTarget(String... args) {
        LeadingArgs leading = LeadingArgs.scan(args);
        if (leading == null || leading.command() == null || LOCAL_COMMANDS.contains(leading.command())) {
            return Optional.empty();
        }
        String address = leading.flags().get(GlobalFlag.ADDRESS);
        if (address == null) {
            String env = System.getenv(ENV_VARS.get("--address"));
            address = env != null ? env : DEFAULT_ADDRESS;
        }
        String connectTimeout = leading.flags().get(GlobalFlag.CONNECT_TIMEOUT);
        try {
            return Optional.of(new DialTarget(address,
                    connectTimeout == null ? Duration.ZERO : atLeastZero(GoDuration.parse(connectTimeout))));
        } catch (RuntimeException e) {
            return Optional.empty(); // picocli reports the bad value
        }
    }

    /** @param connectTimeout zero for the client's default */
    record DialTarget(String address, Duration connectTimeout) {
    }

    /** The global flags' names, without reflection on their annotations; {@code RootCommandTest} checks they match. */
    enum GlobalFlag {
        DEBUG(false, "--debug", "-debug"),
        ADDRESS(true, "--address", "-address", "-a", "--a"),
        TIMEOUT(true, "--timeout", "-timeout"),
        CONNECT_TIMEOUT(true, "--connect-timeout", "-connect-timeout"),
        NAMESPACE(true, "--namespace", "-namespace", "-n", "--n"),
        HELP(false, "--help", "-help", "-h", "--h"),
        VERSION(false, "--version", "-version", "-v", "--v");

        private static final Map<String, GlobalFlag> BY_NAME = byName();

        final boolean takesValue;
        final List<String> names;

        GlobalFlag(boolean takesValue, String... names) {
            this.takesValue = takesValue;
            this.names = List.of(names);
        }

        private static Map<String, GlobalFlag> byName() {
            Map<String, GlobalFlag> flags = new HashMap<>();
            for (GlobalFlag flag : values()) {
                flag.names.forEach(name -> flags.put(name, flag));
            }
            return flags;
        }
    }

    /**
     * The global flags' values before the command name, and that name (null if none follows) with
     * its index in the arguments.
     */
    private record LeadingArgs(Map<GlobalFlag, String> flags, String command, int commandIndex) {
        /** {@return the command line's leading part, or null when it asks for help or has a flag ctr does not know} */
        static LeadingArgs scan(String... args) {
            Map<GlobalFlag, String> flags = new EnumMap<>(GlobalFlag.class);
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("-")) {
                    return new LeadingArgs(flags, arg, i);
                }
                int equals = arg.indexOf('=');
                GlobalFlag flag = GlobalFlag.BY_NAME.get(equals < 0 ? arg : arg.substring(0, equals));
                if (flag == null || flag == GlobalFlag.HELP || flag == GlobalFlag.VERSION) {
                    return null; // the outermost --help shows the app's screen
                }
                if (flag.takesValue) {
                    String value = equals >= 0 ? arg.substring(equals + 1) : ++i < args.length ? args[i] : null;
                    if (value == null) {
                        return null;
                    }
                    flags.put(flag, value); // Go: the last one wins
                }
            }
            return new LeadingArgs(flags, null, -1);
        }
    }

    private static List<String> names(Class<?> group) {
        Command command = group.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(command.aliases()));
        names.add(command.name());
        return names;
    }

    GlobalOptions globalOptions() {
        // ctr treats negative timeouts as none
        return new GlobalOptions(address, namespace, atLeastZero(timeout), atLeastZero(connectTimeout), debug);
    }

    private static Duration atLeastZero(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
