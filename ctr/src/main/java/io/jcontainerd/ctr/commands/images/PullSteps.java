package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.commands.content.FetchConfig;
import io.jcontainerd.image.Platform;
import java.io.IOException;

/**
 * The two steps of {@code images pull}: getting the image's content and unpacking it for one
 * platform. ctr 1.6 does both on the client ({@link ClientSidePull}); a daemon that pulls by itself
 * can stand behind the same steps.
 */
interface PullSteps extends AutoCloseable {
    /** {@return the image record once its content is in the store} */
    Image fetch(String ref, FetchConfig config) throws IOException;

    void unpack(Image image, Platform platform, String snapshotter) throws IOException;

    /**
     * Whether the client writes the image's content and snapshots itself, and so must hold them
     * under a lease of its own until the image record does; a daemon's transfer holds its own (and
     * keeps what a failed pull fetched for a retry), so ctr 2.x takes none for it.
     */
    boolean writesOnClient();

    @Override
    void close();
}
