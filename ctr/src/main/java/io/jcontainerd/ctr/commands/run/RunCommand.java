package io.jcontainerd.ctr.commands.run;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.ctr.cli.KeepsArgOrder;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.containers.ContainerFlags;
import io.jcontainerd.ctr.commands.containers.ContainerRemoval;
import io.jcontainerd.ctr.commands.containers.RunOnlyOptions;
import io.jcontainerd.ctr.commands.tasks.NewTask;
import io.jcontainerd.ctr.commands.tasks.ProcessSession;
import io.jcontainerd.ctr.commands.tasks.RawTerminal;
import io.jcontainerd.sys.Terminal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * ctr's {@code run}: {@code containers create} and {@code tasks start} in one, attached to the
 * task (our signals forwarded, or our terminal raw and its size followed) until it exits, whose
 * exit code becomes ours; {@code --rm} then removes the container and its snapshot.
 */
@Command(name = "run", header = "run a container", customSynopsis = "[flags] Image|RootFS ID [COMMAND] [ARG...]")
public final class RunCommand implements CtrCommand, KeepsArgOrder {
    @Option(names = {"--rm", "-rm"}, description = "remove the container after running, cannot be used with --detach")
    boolean rm;

    @Option(names = {"--null-io", "-null-io"}, description = "send all IO to /dev/null")
    boolean nullIo;

    @Option(names = {"--log-uri", "-log-uri"}, description = "log uri")
    String logUri = "";

    @Option(names = {"--detach", "-detach", "-d", "--d"},
            description = "detach from the task after it has started execution, cannot be used with --rm")
    boolean detach;

    @Option(names = {"--fifo-dir", "-fifo-dir"}, description = "directory used for storing IO FIFOs")
    String fifoDir = "";

    @Option(names = {"--cgroup", "-cgroup"}, description = "cgroup path (To disable use of cgroup, set to \"\" explicitly)")
    String cgroup;

    @Option(names = {"--platform", "-platform"}, description = "run image for specific platform")
    String platform = "";

    @Option(names = {"--cni", "-cni"}, description = "enable cni networking for the container")
    boolean cni;

    @Mixin
    PlatformRunFlags platformFlags;

    @Mixin
    ContainerFlags container;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String ref = args.isEmpty() ? "" : args.getFirst();
        String id = args.size() < 2 ? "" : args.get(1);
        if (ref.isEmpty()) {
            throw new CommandException("image ref must be provided");
        }
        if (id.isEmpty()) {
            throw new CommandException("container id must be provided");
        }
        if (rm && detach) {
            throw new CommandException("flags --detach and --rm cannot be specified together");
        }
        if (cni) {
            throw new CommandException("--cni is not supported by jctr yet: not implemented");
        }
        platformFlags.refuseUserNamespace();
        Container created = container.newContainer(context, ref, id, args.subList(2, args.size()),
                platformFlags.runtimeOptions(container, cgroup),
                new RunOnlyOptions(cgroup, platform, platformFlags.cpus, platformFlags.cpuShares));
        try {
            return runTask(context, created);
        } finally {
            if (rm && !detach) {
                removeQuietly(context, created);
            }
        }
    }

    private int runTask(CommandContext context, Container created) throws IOException {
        Terminal terminal = RawTerminal.openIf(container.tty());
        try {
            NewTask.Created task = NewTask.create(context, created, terminal, new NewTask.IoFlags(nullIo, logUri, fifoDir),
                    container.noPivot());
            return new ProcessSession(context, task.process(), task.io(), terminal)
                    .start(detach, container.pidFile(), task.pid());
        } finally {
            RawTerminal.restore(terminal);
        }
    }

    /** As ctr's deferred {@code container.Delete(ctx, WithSnapshotCleanup)}: its error is not reported. */
    private static void removeQuietly(CommandContext context, Container created) {
        try {
            ContainerRemoval.remove(context.client(), created.id(), true);
        } catch (ErrdefsException e) {
            // the task's outcome is what ctr reports
        }
    }
}
