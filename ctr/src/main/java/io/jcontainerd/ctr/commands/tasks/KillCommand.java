package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ctr's {@code tasks kill}: a signal (by default the image's stop signal, else SIGTERM) to the task or one exec. */
@Command(name = "kill", header = "signal a container (default: SIGTERM)", customSynopsis = "[flags] CONTAINER")
final class KillCommand implements CtrCommand {
    @Option(names = {"--signal", "-signal", "-s", "--s"}, description = "signal to send to the container")
    String signal = "";

    @Option(names = {"--exec-id", "-exec-id"}, description = "process ID to kill")
    String execId = "";

    @Option(names = {"--all", "-all", "-a", "--a"}, description = "send signal to all processes inside the container")
    boolean all;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        String id = args.isEmpty() ? "" : args.getFirst();
        if (id.isEmpty()) {
            throw new CommandException("container id must be provided");
        }
        if (all && !execId.isEmpty()) {
            throw new CommandException("specify an exec-id or all; not both");
        }
        Container container = context.client().containers().get(id);
        int number = signal.isEmpty() ? Signals.stopSignal(container, Signals.SIGTERM) : Signals.parse(signal);
        TaskProcess.load(context, id);
        new TaskProcess(context.client().tasks(), id, execId).kill(number, all);
        return 0;
    }
}
