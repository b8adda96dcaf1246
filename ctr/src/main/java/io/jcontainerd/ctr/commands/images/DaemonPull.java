package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.client.PullOptions;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import io.jcontainerd.ctr.commands.content.FetchConfig;
import io.jcontainerd.ctr.progress.ProgressDisplay;
import io.jcontainerd.ctr.progress.ProgressWriter;
import io.jcontainerd.ctr.progress.TransferRows;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pull the daemon does in one pipeline through its Transfer service (so it also honours the
 * daemon's registry hosts configuration): content and unpack for the asked platforms happen in
 * the fetch step, with ctr's progress table drawn from the daemon's events; the unpack step finds
 * nothing left to do. Without a snapshotter it is {@code content fetch}: content and the image
 * record only.
 */
public final class DaemonPull implements PullSteps {
    private final CommandContext context;
    private final PullOptions registry;
    private final Optional<String> unpackInto;

    private DaemonPull(CommandContext context, PullOptions registry, Optional<String> unpackInto) {
        this.context = context;
        this.registry = registry;
        this.unpackInto = unpackInto;
    }

    /** @param registry the flags' registry settings ({@code RegistryFlags.daemonPull}) */
    static DaemonPull unpackingInto(CommandContext context, PullOptions registry, String snapshotter) {
        return new DaemonPull(context, registry, Optional.of(snapshotter));
    }

    /** {@return a pull that fetches content and records the image, as {@code content fetch}} */
    public static DaemonPull contentOnly(CommandContext context, PullOptions registry) {
        return new DaemonPull(context, registry, Optional.empty());
    }

    @Override
    public Image fetch(String ref, FetchConfig config) throws IOException {
        List<Platform> platforms = new ArrayList<>();
        for (String p : config.platforms()) {
            platforms.add(Platforms.parse(p));
        }
        PullOptions options = registry.withPlatforms(platforms, config.allMetadata())
                .withUnpack(unpackInto.isPresent(), unpackInto.orElse(""))
                .withLabels(ObjectWithLabels.labels(config.labels()));
        TransferRows rows = new TransferRows(ref);
        ProgressDisplay display = context.debug() ? null
                : ProgressDisplay.start(new ProgressWriter(context.out(), ProgressDisplay.stdinWidth()), rows);
        try {
            context.client().transfer().pull(ref, options, event -> {
                context.log().debug(event.event(), java.util.Map.of("name", event.name()));
                rows.accept(event);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(display);
            throw new InterruptedIOException("pull interrupted");
        } catch (RuntimeException e) {
            cancel(display);
            throw e;
        }
        if (display != null) {
            display.close();
        }
        return context.client().images().get(ref);
    }

    private static void cancel(ProgressDisplay display) {
        if (display != null) {
            display.cancel();
        }
    }

    @Override
    public void unpack(Image image, Platform platform, String snapshotter) {
        // the daemon unpacked each layer as it arrived
    }

    @Override
    public boolean writesOnClient() {
        return false;
    }

    @Override
    public void close() {
        // nothing held: the daemon's transfer owns its streams
    }
}
