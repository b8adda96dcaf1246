package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.client.ExitStatus;
import io.jcontainerd.client.TaskState;
import io.jcontainerd.client.TasksClient;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;

/**
 * One process of a task, as containerd's client {@code Task} / {@code Process}: the init process
 * ({@code execId} empty) or an exec'd one. What ctr's commands do to it.
 */
public record TaskProcess(TasksClient tasks, String containerId, String execId) {

    /**
     * Loads the task of container {@code id} as ctr's {@code container.Task}: the container must
     * exist, and a missing task reads {@code no running task found: ...}.
     */
    public static TaskState load(CommandContext context, String id) {
        context.client().containers().get(id);
        try {
            return context.client().tasks().get(id, "");
        } catch (ErrdefsException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                throw new CommandException("no running task found: " + e.getMessage());
            }
            throw e;
        }
    }

    /** {@return the init process of container {@code id}'s task} */
    public static TaskProcess init(CommandContext context, String id) {
        return new TaskProcess(context.client().tasks(), id, "");
    }

    public void kill(int signal, boolean all) {
        tasks.kill(containerId, execId, signal, all);
    }

    public void resize(int width, int height) {
        tasks.resizePty(containerId, execId, width, height);
    }

    public int start() {
        return tasks.start(containerId, execId);
    }

    /** Blocks until the process exits. */
    public ExitStatus awaitExit() {
        return tasks.wait(containerId, execId);
    }

    public void closeStdin() {
        tasks.closeStdin(containerId, execId);
    }

    /** Deletes the process (the whole task for the init process); {@return how it ended} */
    public ExitStatus delete() {
        return execId.isEmpty() ? tasks.delete(containerId) : tasks.deleteProcess(containerId, execId);
    }

    /** {@return the process's state} */
    public TaskState state() {
        return tasks.get(containerId, execId);
    }
}
