package io.jcontainerd.ctr;

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
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Environment variables that supply a flag's default, by the flag's first name. */
    static final Map<String, String> ENV_VARS = Map.of(
            "--address", "CONTAINERD_ADDRESS",
            "--namespace", "CONTAINERD_NAMESPACE",
            "--snapshotter", "CONTAINERD_SNAPSHOTTER");

    /** The global flags by each of their names. */
    private static final Map<String, Field> GLOBAL_FLAGS = globalFlags();

    @Option(names = {"--debug", "-debug"}, description = "enable debug output in logs")
    boolean debug;

    @Option(names = {"--address", "-address", "-a", "--a"}, description = "address for containerd's GRPC server",
            defaultValue = "/run/containerd/containerd.sock")
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
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                return GROUPS.stream().filter(group -> group != HelpCommand.class && names(group).contains(arg))
                        .findFirst().<List<Class<?>>>map(List::of).orElse(GROUPS);
            }
            int equals = arg.indexOf('=');
            String flag = equals < 0 ? arg : arg.substring(0, equals);
            Field option = GLOBAL_FLAGS.get(flag);
            if (option == null || isHelp(option.getAnnotation(Option.class))) {
                return GROUPS; // the outermost --help shows the app's screen
            }
            if (equals < 0 && option.getType() != boolean.class) {
                i++; // the flag's value
            }
        }
        return GROUPS;
    }

    private static Map<String, Field> globalFlags() {
        Map<String, Field> flags = new HashMap<>();
        for (Field field : RootCommand.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                for (String name : option.names()) {
                    flags.put(name, field);
                }
            }
        }
        return flags;
    }

    private static boolean isHelp(Option option) {
        return option.usageHelp() || option.versionHelp();
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
