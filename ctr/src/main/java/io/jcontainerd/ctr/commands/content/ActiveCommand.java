package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.ctr.cli.GoDurationConverter;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The ingests in progress. ctr passes its argument to the daemon as a filter (not as the regexp
 * its usage promises), and accepts {@code --timeout} and {@code --root} without using them; so do we.
 */
@Command(name = "active", header = "display active transfers", description = "display the ongoing transfers",
        customSynopsis = "[flags] [<regexp>]")
final class ActiveCommand implements CtrCommand {
    @Option(names = {"--timeout", "-timeout", "-t", "--t"}, description = "total timeout for fetch",
            defaultValue = "0s", converter = GoDurationConverter.class)
    Duration timeout;

    @Option(names = {"--root", "-root"}, description = "path to content store root", defaultValue = "/tmp/content")
    String root;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        String match = args.isEmpty() ? "" : args.getFirst();
        var active = context.client().content().listStatuses(List.of(match));
        context.out().print(ContentText.active(active, Instant.now()));
        return 0;
    }
}
