package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.client.remote.FetchOptions;
import io.jcontainerd.client.remote.ImageFetch;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.ObjectWithLabels;
import io.jcontainerd.ctr.progress.FetchProgress;
import io.jcontainerd.ctr.progress.ProgressDisplay;
import io.jcontainerd.ctr.progress.ProgressWriter;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import io.jcontainerd.registry.Resolver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ctr's {@code content.NewFetchConfig} and {@code content.Fetch}, shared by {@code content fetch}
 * and {@code images pull}: which platforms and metadata to fetch, and the fetch itself with ctr's
 * progress table on stdout (none with {@code --debug}).
 *
 * @param platforms     {@code --platform} values; ignored with all platforms
 * @param maxConcurrent {@code --max-concurrent-downloads}; 0 for no limit
 */
public record FetchConfig(List<String> labels, List<String> platforms, boolean allPlatforms, boolean allMetadata,
                          boolean metadataOnly, int maxConcurrent) {
    public FetchConfig {
        labels = List.copyOf(labels);
        platforms = List.copyOf(platforms);
    }

    /** The platforms to fetch: none with metadata only, all with all platforms, else those given or the host's. */
    MatchComparer matcher() {
        if (metadataOnly) {
            return Platforms.any(List.of());
        }
        if (allPlatforms) {
            return Platforms.all();
        }
        List<Platform> parsed = new ArrayList<>();
        for (String p : platforms.isEmpty() ? List.of(Platforms.defaultString()) : platforms) {
            parsed.add(Platforms.parse(p));
        }
        return Platforms.any(parsed);
    }

    /** Fetches {@code ref} into the content store and records the image, showing progress unless {@code --debug}. */
    public Image fetch(CommandContext context, Resolver resolver, String ref) throws IOException {
        var client = context.client();
        FetchProgress progress = new FetchProgress(ref, client.content());
        FetchOptions options = new FetchOptions(ObjectWithLabels.labels(labels), matcher(), allMetadata || metadataOnly,
                0, maxConcurrent, progress::add);
        context.log().debug("fetching", java.util.Map.of("image", ref));
        if (context.debug()) {
            return new ImageFetch(client).fetch(resolver, ref, options);
        }
        ProgressDisplay display = ProgressDisplay.start(
                new ProgressWriter(context.out(), ProgressDisplay.stdinWidth()), progress);
        Image image;
        try {
            image = new ImageFetch(client).fetch(resolver, ref, options);
        } catch (IOException | RuntimeException e) {
            display.cancel();
            throw e;
        }
        display.close();
        return image;
    }
}
