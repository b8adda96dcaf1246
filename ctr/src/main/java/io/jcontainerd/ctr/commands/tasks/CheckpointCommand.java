package io.jcontainerd.ctr.commands.tasks;

import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ctr's {@code tasks checkpoint}, with its flags; neither jctr nor jcontainerd checkpoints yet. */
@Command(name = "checkpoint", header = "checkpoint a container", customSynopsis = "[flags] CONTAINER")
final class CheckpointCommand implements CtrCommand {
    @Option(names = {"--exit", "-exit"}, description = "stop the container after the checkpoint")
    boolean exit;

    @Option(names = {"--image-path", "-image-path"}, description = "path to criu image files")
    String imagePath = "";

    @Option(names = {"--work-path", "-work-path"}, description = "path to criu work files and logs")
    String workPath = "";

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        if (args.isEmpty() || args.getFirst().isEmpty()) {
            throw new CommandException("container id must be provided");
        }
        throw new CommandException("checkpoint is not supported by jctr yet: not implemented");
    }
}
