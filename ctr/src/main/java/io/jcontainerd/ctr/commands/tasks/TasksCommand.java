package io.jcontainerd.ctr.commands.tasks;

import picocli.CommandLine.Command;

/** ctr's {@code tasks} group, in ctr's order ({@code metrics} last: ctr adds it in an init function). */
@Command(name = "tasks", aliases = {"t", "task"}, header = "manage tasks",
        subcommands = {AttachCommand.class, CheckpointCommand.class, DeleteCommand.class, ExecCommand.class,
            ListCommand.class, KillCommand.class, PauseCommand.class, PsCommand.class, ResumeCommand.class,
            StartCommand.class, MetricsCommand.class})
public final class TasksCommand {
}
