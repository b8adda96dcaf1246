package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.core.runtime.ProcessInfo;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.text.TabWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** ctr's {@code tasks ps}: the task's processes, with what the runtime says about each (runc: the exec ID). */
@Command(name = "ps", header = "list processes for container", customSynopsis = "CONTAINER")
final class PsCommand implements CtrCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        String id = args.isEmpty() ? "" : args.getFirst();
        if (id.isEmpty()) {
            throw new CommandException("container id must be provided");
        }
        TaskProcess.load(context, id);
        StringBuilder b = new StringBuilder();
        TabWriter table = new TabWriter(b, 1, 8, 4, ' ');
        table.println("PID\tINFO");
        for (ProcessInfo p : context.client().tasks().pids(id)) {
            table.println(p.pid() + "\t" + (p.info() == null ? "-" : ProcessDetails.text(p.info())));
        }
        table.flush();
        context.out().print(b);
        return 0;
    }
}
