package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.client.TaskState;
import io.jcontainerd.client.cio.ProcessIo;
import io.jcontainerd.client.cio.Streams;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.sys.Terminal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** ctr's {@code tasks attach}: our stdio on a running task's FIFOs until it exits; then the task is deleted. */
@Command(name = "attach", header = "attach to the IO of a running container", customSynopsis = "CONTAINER")
final class AttachCommand implements CtrCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String id = args.isEmpty() ? "" : args.getFirst();
        Container container = context.client().containers().get(id);
        Terminal terminal = RawTerminal.openIf(ContainerSpec.terminal(container));
        try {
            TaskState task = TaskProcess.load(context, id);
            TaskProcess process = TaskProcess.init(context, id);
            ProcessIo io = ProcessIo.attach(task.io(), Streams.stdio());
            io.onStdinEnd(() -> { }); // ctr closes only the FIFO when our stdin ends, no CloseIO
            return new ProcessSession(context, process, io, terminal).attach();
        } finally {
            RawTerminal.restore(terminal);
        }
    }
}
