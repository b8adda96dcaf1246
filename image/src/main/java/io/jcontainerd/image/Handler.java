package io.jcontainerd.image;

import java.io.IOException;
import java.util.List;

/**
 * Visits one descriptor of an image's content graph and returns the children to visit next
 * (upstream's {@code images.Handler}). Returning no children ends the walk below this descriptor,
 * which is how a handler skips a subtree.
 */
@FunctionalInterface
public interface Handler {
    /** {@return the children to walk, never null} */
    List<ImageDescriptor> handle(ImageDescriptor desc) throws IOException;
}
