package io.jcontainerd.ctr.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code help [command]}: urfave's built-in help command, answered by the app. */
@Command(name = "help", aliases = "h", header = "Shows a list of commands or help for one command",
        customSynopsis = "[command]")
public final class HelpCommand {
    @Parameters
    List<String> topics = new ArrayList<>();

    /** {@return the command asked about, if any (urfave looks at the first argument only)} */
    public String topic() {
        return topics.isEmpty() ? null : topics.getFirst();
    }
}
