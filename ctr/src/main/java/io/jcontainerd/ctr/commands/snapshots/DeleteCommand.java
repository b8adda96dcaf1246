package io.jcontainerd.ctr.commands.snapshots;

import io.jcontainerd.client.SnapshotsClient;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.ctr.commands.CommandContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Removes each snapshot in turn and stops at the first failure, as ctr does; no keys, nothing to do. */
@Command(name = "delete", aliases = {"del", "remove", "rm"}, header = "remove snapshots", customSynopsis = "<key> [<key>, ...]")
final class DeleteCommand extends SnapshotterCommand {
    @Parameters
    List<String> keys = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        SnapshotsClient snapshotter = snapshotter(context);
        for (String key : keys) {
            try {
                snapshotter.remove(key);
            } catch (ErrdefsException e) {
                throw new ErrdefsException(e.kind(), "failed to remove " + Errdefs.quote(key) + ": " + e.getMessage(), e);
            }
        }
        return 0;
    }
}
