package io.jcontainerd.ctr.commands.tasks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcontainerd.client.cio.ProcessIo;
import io.jcontainerd.client.cio.Streams;
import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.ctr.cli.KeepsArgOrder;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.containers.ProcessUser;
import io.jcontainerd.sys.Terminal;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * ctr's {@code tasks exec}: a further process in a running task, from the container's process
 * spec with the command, terminal, working directory and user replaced; attached unless
 * {@code -d}, deleted after it exits, its exit code ours.
 */
@Command(name = "exec", header = "execute additional processes in an existing container",
        customSynopsis = "[flags] CONTAINER CMD [ARG...]")
final class ExecCommand implements CtrCommand, KeepsArgOrder {
    static final String PROCESS_TYPE = "types.containerd.io/opencontainers/runtime-spec/1/Process";

    @Option(names = {"--cwd", "-cwd"}, description = "working directory of the new process")
    String cwd = "";

    @Option(names = {"--tty", "-tty", "-t", "--t"}, description = "allocate a TTY for the container")
    boolean tty;

    @Option(names = {"--detach", "-detach", "-d", "--d"}, description = "detach from the task after it has started execution")
    boolean detach;

    @Option(names = {"--exec-id", "-exec-id"}, description = "exec specific id for the process")
    String execId;

    @Option(names = {"--fifo-dir", "-fifo-dir"}, description = "directory used for storing IO FIFOs")
    String fifoDir = "";

    @Option(names = {"--log-uri", "-log-uri"}, description = "log uri for custom shim logging")
    String logUri = "";

    @Option(names = {"--user", "-user"}, description = "user id or name")
    String user = "";

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        if (execId == null) {
            // urfave checks required flags before the action, showing the help first
            context.out().print(context.helpScreen());
            throw new CommandException("Required flag \"exec-id\" not set");
        }
        String id = args.isEmpty() ? "" : args.getFirst();
        if (id.isEmpty()) {
            throw new CommandException("container id must be provided");
        }
        Container container = context.client().containers().get(id);
        ObjectNode process = ContainerSpec.process(container);
        if (!user.isEmpty()) {
            ProcessUser.apply(context.client(), container, user, process);
        }
        process.put("terminal", tty);
        process.putPOJO("args", args.subList(1, args.size()));
        if (!cwd.isEmpty()) {
            process.put("cwd", cwd);
        }
        TaskProcess.load(context, id);
        if (tty && !logUri.isEmpty()) {
            throw new CommandException("can't use log-uri with tty");
        }
        if (!logUri.isEmpty() && !fifoDir.isEmpty()) {
            throw new CommandException("can't use log-uri with fifo-dir");
        }
        if (execId.isEmpty()) {
            throw new CommandException("exec id must not be empty: invalid argument");
        }
        Terminal terminal = RawTerminal.openIf(tty);
        try {
            return exec(context, id, process, terminal);
        } finally {
            RawTerminal.restore(terminal);
        }
    }

    private int exec(CommandContext context, String id, ObjectNode spec, Terminal terminal) throws IOException {
        ProcessIo io;
        if (terminal != null) {
            io = ProcessIo.fifos(fifoDir, execId, new Streams(new FileInputStream(FileDescriptor.in),
                    new FileOutputStream(FileDescriptor.out), null), true);
        } else if (!logUri.isEmpty()) {
            io = ProcessIo.logUri(logUri);
        } else {
            io = ProcessIo.fifos(fifoDir, execId, Streams.stdio(), false);
        }
        TaskProcess process = new TaskProcess(context.client().tasks(), id, execId);
        try {
            context.client().tasks().exec(id, execId, new TypedValue(PROCESS_TYPE, ContainerSpec.bytes(spec)), io.config());
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
        io.onStdinEnd(process::closeStdin);
        return new ProcessSession(context, process, io, terminal).start(detach, "", 0);
    }
}
