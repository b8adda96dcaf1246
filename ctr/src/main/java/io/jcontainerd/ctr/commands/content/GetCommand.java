package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Writes the first digest's blob to stdout; like ctr it ignores any further digests. */
@Command(name = "get", header = "get the data for an object", description = "display the image object",
        customSynopsis = "[<digest>, ...]")
final class GetCommand implements CtrCommand {
    @Parameters
    List<String> digests = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        Digest digest = Digest.parse(digests.isEmpty() ? "" : digests.getFirst());
        try {
            context.client().content().read(digest, context.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
