package io.jcontainerd.ctr.commands.tasks;

import java.util.List;
import picocli.CommandLine.Command;

/** ctr's {@code tasks} group, in ctr's order ({@code metrics} last: ctr adds it in an init function). */
@Command(name = "tasks", aliases = {"t", "task"}, header = "manage tasks")
public final class TasksCommand {
    /** Its commands in ctr's order; added by the app as a command line needs them (see RootCommand). */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            AttachCommand.class, CheckpointCommand.class, DeleteCommand.class, ExecCommand.class, ListCommand.class,
            KillCommand.class, PauseCommand.class, PsCommand.class, ResumeCommand.class, StartCommand.class,
            MetricsCommand.class);
}
