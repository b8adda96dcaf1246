package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.sys.Terminal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ctr's {@code tasks start}: creates and starts a container's task, attached to it unless {@code -d}. */
@Command(name = "start", header = "start a container that has been created", customSynopsis = "CONTAINER")
final class StartCommand implements CtrCommand {
    @Option(names = {"--null-io", "-null-io"}, description = "send all IO to /dev/null")
    boolean nullIo;

    @Option(names = {"--log-uri", "-log-uri"}, description = "log uri")
    String logUri = "";

    @Option(names = {"--fifo-dir", "-fifo-dir"}, description = "directory used for storing IO FIFOs")
    String fifoDir = "";

    @Option(names = {"--pid-file", "-pid-file"}, description = "file path to write the task's pid")
    String pidFile = "";

    @Option(names = {"--detach", "-detach", "-d", "--d"}, description = "detach from the task after it has started execution")
    boolean detach;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String id = args.isEmpty() ? "" : args.getFirst();
        if (id.isEmpty()) {
            throw new CommandException("container id must be provided");
        }
        Container container = context.client().containers().get(id);
        Terminal terminal = RawTerminal.openIf(ContainerSpec.terminal(container));
        try {
            NewTask.Created task = NewTask.create(context, container, terminal,
                    new NewTask.IoFlags(nullIo, logUri, fifoDir), false);
            return new ProcessSession(context, task.process(), task.io(), terminal).start(detach, pidFile, task.pid());
        } finally {
            RawTerminal.restore(terminal);
        }
    }
}
