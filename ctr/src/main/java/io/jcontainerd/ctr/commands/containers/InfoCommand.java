package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A container as JSON, or only its spec. */
@Command(name = "info", header = "get info about a container", customSynopsis = "CONTAINER")
final class InfoCommand implements CtrCommand {
    @Option(names = {"--spec", "-spec"}, description = "only display the spec")
    boolean spec;

    @Parameters(arity = "0..1")
    String id = "";

    @Override
    public int run(CommandContext context) {
        if (id.isEmpty()) {
            throw new CommandException("container id must be provided: invalid argument");
        }
        Container container = context.client().containers().get(id);
        context.out().println(spec ? ContainerJson.spec(container) : ContainerJson.info(container));
        return 0;
    }
}
