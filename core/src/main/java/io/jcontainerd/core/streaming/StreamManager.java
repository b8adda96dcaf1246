package io.jcontainerd.core.streaming;

/** Streams by (namespace, name), as containerd's {@code streaming.StreamManager}. */
public interface StreamManager {
    /**
     * Registers {@code stream} under {@code name} until it is closed.
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException ALREADY_EXISTS when the namespace has a
     *     stream of that name
     */
    void register(String namespace, String name, Stream stream);

    /**
     * {@return the stream registered under {@code name}}; closing it unregisters it
     *
     * @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND when there is none
     */
    Stream get(String namespace, String name);
}
