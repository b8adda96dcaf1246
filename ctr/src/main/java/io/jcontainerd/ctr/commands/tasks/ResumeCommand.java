package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** ctr's {@code tasks resume}: thaws a paused task. */
@Command(name = "resume", header = "resume a paused container", customSynopsis = "CONTAINER")
final class ResumeCommand implements CtrCommand {
    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        String id = args.isEmpty() ? "" : args.getFirst();
        TaskProcess.load(context, id);
        context.client().tasks().resume(id);
        return 0;
    }
}
