package io.jcontainerd.core.events;

import io.jcontainerd.core.types.TypedValue;
import io.jcontainerd.core.filters.Adaptor;
import java.util.Optional;

/**
 * Exposes an encoded event's fields to filters ({@code event.<field>} in a subscription filter),
 * like upstream's envelope adaptor decoding its {@code Any}. Core cannot decode payloads, so the
 * layer that knows the message types supplies this.
 */
@FunctionalInterface
public interface PayloadFields {
    /** Exposes no fields: every {@code event.*} selector sees an absent field. */
    PayloadFields NONE = payload -> path -> Optional.empty();

    /** {@return the fields of {@code payload}; an undecodable payload has none} */
    Adaptor of(TypedValue payload);
}
