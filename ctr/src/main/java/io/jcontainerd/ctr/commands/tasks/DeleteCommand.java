package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.client.ExitStatus;
import io.jcontainerd.client.TaskState;
import io.jcontainerd.client.cio.FifoSet;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.runtime.TaskStatus;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.ExitStatusException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * ctr's {@code tasks delete}: tasks that have stopped (with {@code -f}, killed first), or one
 * exec'd process; the FIFOs a detached start left are removed with the task.
 */
@Command(name = "delete", aliases = {"del", "remove", "rm"}, header = "delete one or more tasks",
        customSynopsis = "CONTAINER [CONTAINER, ...]")
final class DeleteCommand implements CtrCommand {
    @Option(names = {"--force", "-force", "-f", "--f"}, description = "force delete task process")
    boolean force;

    @Option(names = {"--exec-id", "-exec-id"}, description = "process ID to kill")
    String execId = "";

    @Parameters
    List<String> targets = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        if (!execId.isEmpty()) {
            return deleteExec(context, targets.isEmpty() ? "" : targets.getFirst());
        }
        RuntimeException first = null;
        for (String target : targets) {
            TaskState task;
            try {
                task = TaskProcess.load(context, target);
            } catch (ErrdefsException | CommandException e) {
                first = first == null ? e : first;
                context.log().error("failed to load task from " + target, Map.of("error", e.getMessage()));
                continue;
            }
            try {
                ExitStatus status = deleteTask(context, target, task);
                if (status.code() != 0) {
                    context.log().warn("task " + target + " exit with non-zero exit code " + status.code(), Map.of());
                }
            } catch (ErrdefsException | CommandException e) {
                first = first == null ? e : first;
                context.log().error("unable to delete " + target, Map.of("error", e.getMessage()));
            }
        }
        if (first != null) {
            throw first;
        }
        return 0;
    }

    private ExitStatus deleteTask(CommandContext context, String id, TaskState loaded) throws IOException {
        TaskProcess task = TaskProcess.init(context, id);
        if (force) {
            killAndWait(task);
        }
        TaskState state = task.state();
        boolean deletable = switch (state.status()) {
            case STOPPED, UNKNOWN -> true;
            case CREATED -> loaded.pid() == 0;
            default -> false;
        };
        if (!deletable) {
            throw new CommandException("task must be stopped before deletion: " + state.status().name().toLowerCase()
                    + ": failed precondition");
        }
        ExitStatus status = task.delete();
        if (loaded.status() != TaskStatus.UNKNOWN) {
            new FifoSet(loaded.io()).remove();
        }
        return status;
    }

    private int deleteExec(CommandContext context, String id) throws IOException {
        TaskProcess.load(context, id);
        TaskProcess process = new TaskProcess(context.client().tasks(), id, execId);
        TaskState loaded;
        try {
            loaded = process.state();
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                throw new CommandException("no running process found: " + e.getMessage());
            }
            throw e;
        }
        if (force) {
            killAndWait(process);
        }
        TaskStatus status = process.state().status();
        if (status == TaskStatus.RUNNING || status == TaskStatus.PAUSED || status == TaskStatus.PAUSING) {
            throw new CommandException("current process state: " + status.name().toLowerCase()
                    + ", process must be stopped before deletion: failed precondition");
        }
        ExitStatus exit = process.delete();
        new FifoSet(loaded.io()).remove();
        if (exit.code() != 0) {
            throw ExitStatusException.silent(exit.code());
        }
        return 0;
    }

    /** containerd's {@code WithProcessKill}: SIGKILL to every process, then wait for the exit. */
    private static void killAndWait(TaskProcess process) {
        CompletableFuture<Void> exited = CompletableFuture.runAsync(process::awaitExit,
                r -> Thread.ofPlatform().daemon().start(r));
        try {
            process.kill(Signals.SIGKILL, true);
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.FAILED_PRECONDITION) {
                return;
            }
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
        }
        try {
            exited.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
