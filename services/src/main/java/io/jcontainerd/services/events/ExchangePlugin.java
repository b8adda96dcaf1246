package io.jcontainerd.services.events;

import io.jcontainerd.core.events.Exchange;
import io.jcontainerd.core.events.SubscriberLimits;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.util.List;

/** {@code io.containerd.event.v1 exchange}: the daemon's one {@link Exchange}, filters seeing event fields. */
public final class ExchangePlugin {
    public static final String ID = "exchange";

    private ExchangePlugin() {
    }

    public static Registration<Exchange> registration() {
        return Registration.of(PluginTypes.EVENT, ID, List.of(),
                ctx -> new Exchange(new EventFields(), SubscriberLimits.DEFAULT));
    }
}
