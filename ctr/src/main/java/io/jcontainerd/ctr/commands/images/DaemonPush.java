package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.client.PullOptions;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.progress.ProgressDisplay;
import io.jcontainerd.ctr.progress.ProgressWriter;
import io.jcontainerd.ctr.progress.PushRows;
import java.io.InterruptedIOException;
import java.util.Map;

/**
 * A push the daemon does through its Transfer service (so its registry hosts configuration
 * applies), with ctr 1.6's push table drawn from the daemon's events. Every platform of the image
 * is pushed, as ctr 1.6 does.
 */
final class DaemonPush {
    private final CommandContext context;
    private final PullOptions registry;
    private final boolean layerRows;

    /**
     * @param registry  the flags' registry settings ({@code RegistryFlags.daemonPull})
     * @param layerRows whether layers are rows of the table (ctr 1.6: with --allow-non-distributable-blobs)
     */
    DaemonPush(CommandContext context, PullOptions registry, boolean layerRows) {
        this.context = context;
        this.registry = registry;
        this.layerRows = layerRows;
    }

    /** Pushes the image {@code localName} to {@code ref}; {@return the exit code} */
    int push(String localName, String ref) throws InterruptedIOException {
        PushRows rows = new PushRows(layerRows);
        ProgressDisplay display = context.debug() ? null
                : ProgressDisplay.start(new ProgressWriter(context.out(), ProgressDisplay.stdinWidth()), rows);
        try {
            context.client().transfer().push(localName, ref, registry, event -> {
                context.log().debug(event.event(), Map.of("name", event.name()));
                rows.accept(event);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("push interrupted");
        } finally {
            // ctr draws the final table whether or not the push failed
            if (display != null) {
                display.close();
            }
        }
        return 0;
    }
}
