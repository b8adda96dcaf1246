package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.client.images.Unpacker;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.RegistryFlags;
import io.jcontainerd.ctr.commands.content.FetchConfig;
import io.jcontainerd.image.Platform;
import io.jcontainerd.image.Platforms;
import java.io.IOException;

/** ctr 1.6's pull: the client fetches every blob into the content store, then unpacks through the snapshot and diff services. */
final class ClientSidePull implements PullSteps {
    private final CommandContext context;
    private final RegistryFlags.Registry registry;

    ClientSidePull(CommandContext context, RegistryFlags.Registry registry) {
        this.context = context;
        this.registry = registry;
    }

    @Override
    public Image fetch(String ref, FetchConfig config) throws IOException {
        return config.fetch(context, registry.resolver(), ref);
    }

    @Override
    public void unpack(Image image, Platform platform, String snapshotter) throws IOException {
        new Unpacker(context.client()).unpack(image, Platforms.only(platform), snapshotter);
    }

    @Override
    public boolean writesOnClient() {
        return true;
    }

    @Override
    public void close() {
        registry.close();
    }
}
