package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "ls", header = "list all blobs in the store", description = "list blobs in the content store",
        customSynopsis = "[flags]")
final class ListCommand implements CtrCommand {
    @Option(names = {"--quiet", "-quiet", "-q", "--q"}, description = "print only the blob digest")
    boolean quiet;

    /** containerd filters on {@code digest} and {@code labels.<key>}; a blob matching any is listed. */
    @Parameters
    List<String> filters = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        List<Info> blobs;
        try {
            blobs = context.client().content().list(filters);
        } catch (ErrdefsException e) {
            // ctr has printed the table's header before the walk fails
            if (!quiet) {
                context.out().print(ContentText.blobs(List.of(), Instant.now()));
            }
            throw e;
        }
        context.out().print(quiet ? ContentText.digests(blobs) : ContentText.blobs(blobs, Instant.now()));
        return 0;
    }
}
