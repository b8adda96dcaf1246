package io.jcontainerd.core.events;

import io.jcontainerd.core.types.TypedValue;

/** Where services post what happened; the exchange stamps the time and distributes it. */
@FunctionalInterface
public interface Publisher {
    /**
     * Publishes {@code event} on {@code topic} in {@code namespace}.
     *
     * @param namespace the namespace the event belongs to; null or empty is an error
     * @throws io.jcontainerd.core.errdefs.ErrdefsException FAILED_PRECONDITION without a
     *     namespace, INVALID_ARGUMENT for a malformed namespace or topic
     */
    void publish(String namespace, String topic, TypedValue event);
}
