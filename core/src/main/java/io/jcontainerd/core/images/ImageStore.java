package io.jcontainerd.core.images;

import java.util.List;

/** The images of one namespace, as containerd's {@code images.Store}. */
public interface ImageStore {
    /** @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND ({@code image "<name>": not found}) */
    Image get(String name);

    /**
     * {@return the images matching any of {@code filters} (fields {@code name}, {@code target.digest},
     * {@code target.mediatype}, {@code labels.<key>}, {@code annotations.<key>}), by name}
     */
    List<Image> list(List<String> filters);

    /**
     * Stores a new image stamped with the current time.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException ALREADY_EXISTS; INVALID_ARGUMENT for an
     *     empty name, bad labels, or a target without digest, positive size and media type
     */
    Image create(Image image);

    /**
     * Updates the fields named by {@code fieldpaths} ({@code labels}, {@code labels.<key>},
     * {@code target}, {@code annotations}, {@code annotations.<key>}); none replaces all but the times.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND; INVALID_ARGUMENT for an unknown field path
     */
    Image update(Image image, List<String> fieldpaths);

    /**
     * Deletes the image; what it referenced goes at the next garbage collection.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND
     */
    void delete(String name);
}
