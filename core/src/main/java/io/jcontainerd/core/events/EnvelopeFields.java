package io.jcontainerd.core.events;

import io.jcontainerd.core.filters.Adaptor;
import io.jcontainerd.core.filters.Adaptors;
import java.util.List;
import java.util.Optional;

/**
 * An envelope's filter fields as upstream's {@code Envelope.Field} has them: {@code namespace},
 * {@code topic} and {@code event.<path>}; the timestamp is not a field. The payload is decoded at
 * most once, and only if a filter asks for it.
 */
final class EnvelopeFields implements Adaptor {
    private final EventEnvelope envelope;
    private final PayloadFields payloadFields;
    private Adaptor event;

    EnvelopeFields(EventEnvelope envelope, PayloadFields payloadFields) {
        this.envelope = envelope;
        this.payloadFields = payloadFields;
    }

    @Override
    public Optional<String> field(List<String> fieldpath) {
        return switch (fieldpath.getFirst()) {
            case "namespace" -> Adaptors.nonEmpty(envelope.namespace());
            case "topic" -> Adaptors.nonEmpty(envelope.topic());
            case "event" -> fieldpath.size() == 1 ? Optional.empty() : event().field(fieldpath.subList(1, fieldpath.size()));
            default -> Optional.empty();
        };
    }

    private Adaptor event() {
        if (event == null) {
            event = payloadFields.of(envelope.event());
        }
        return event;
    }
}
