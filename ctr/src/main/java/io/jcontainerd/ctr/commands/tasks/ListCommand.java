package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.client.TaskState;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.text.TabWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ctr's {@code tasks list}: ID, pid and status of every task in the namespace. */
@Command(name = "list", aliases = "ls", header = "list tasks", customSynopsis = "[flags]")
final class ListCommand implements CtrCommand {
    @Option(names = {"--quiet", "-quiet", "-q", "--q"}, description = "print only the task id")
    boolean quiet;

    @Override
    public int run(CommandContext context) {
        List<TaskState> tasks = context.client().tasks().list();
        if (quiet) {
            tasks.forEach(t -> context.out().println(t.id()));
            return 0;
        }
        StringBuilder b = new StringBuilder();
        TabWriter table = new TabWriter(b, 4, 8, 4, ' ');
        table.println("TASK\tPID\tSTATUS\t");
        for (TaskState t : tasks) {
            table.println(t.id() + "\t" + t.pid() + "\t" + t.status());
        }
        table.flush();
        context.out().print(b);
        return 0;
    }
}
