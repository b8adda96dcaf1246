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
import io.jcontainerd.ctr.commands.plugins.PluginsCommand;
import io.jcontainerd.ctr.commands.run.RunCommand;
import io.jcontainerd.ctr.commands.snapshots.SnapshotsCommand;
import io.jcontainerd.ctr.commands.tasks.TasksCommand;
import io.jcontainerd.ctr.commands.version.VersionCommand;
import java.time.Duration;
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
                stable from release to release of the containerd project.""",
        subcommands = {PluginsCommand.class, VersionCommand.class, ContainersCommand.class, ContentCommand.class, EventsCommand.class, ImagesCommand.class,
            LeasesCommand.class,
            NamespacesCommand.class, RunCommand.class, SnapshotsCommand.class, TasksCommand.class, HelpCommand.class})
final class RootCommand {
    /** Environment variables that supply a flag's default, by the flag's first name. */
    static final Map<String, String> ENV_VARS = Map.of(
            "--address", "CONTAINERD_ADDRESS",
            "--namespace", "CONTAINERD_NAMESPACE",
            "--snapshotter", "CONTAINERD_SNAPSHOTTER");

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

    GlobalOptions globalOptions() {
        // ctr treats negative timeouts as none
        return new GlobalOptions(address, namespace, atLeastZero(timeout), atLeastZero(connectTimeout), debug);
    }

    private static Duration atLeastZero(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
