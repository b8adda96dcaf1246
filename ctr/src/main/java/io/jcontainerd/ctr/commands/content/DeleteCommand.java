package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Deletes each blob, printing the digests deleted. As ctr: a blob that is not there is skipped
 * silently, other failures are logged and the first one fails the command after all are tried.
 */
@Command(name = "delete", aliases = {"del", "remove", "rm"}, header = "permanently delete one or more blobs",
        description = "Delete one or more blobs permanently. Successfully deleted\n\tblobs are printed to stdout.",
        customSynopsis = "[<digest>, ...]")
final class DeleteCommand implements CtrCommand {
    @Parameters
    List<String> digests = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        var content = context.client().content();
        ErrdefsException first = null;
        for (String arg : digests) {
            try {
                Digest digest = Digest.parse(arg);
                content.delete(digest);
                context.out().println(digest);
            } catch (ErrdefsException e) {
                if (e.kind() == ErrorKind.NOT_FOUND) {
                    continue;
                }
                first = first == null ? e : first;
                context.log().error("could not delete " + arg, Map.of("error", e.getMessage()));
            }
        }
        if (first != null) {
            throw first;
        }
        return 0;
    }
}
