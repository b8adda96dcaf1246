package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** ctr's {@code tasks pause}: freezes every process of the task. */
@Command(name = "pause", header = "pause an existing container", customSynopsis = "CONTAINER")
final class PauseCommand implements CtrCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        String id = args.isEmpty() ? "" : args.getFirst();
        TaskProcess.load(context, id);
        context.client().tasks().pause(id);
        return 0;
    }
}
