package io.jcontainerd.core.events;

/**
 * How far one subscriber may fall behind before the exchange ends its subscription.
 *
 * @param maxEvents events queued and not yet read
 * @param maxBytes their approximate size (payloads plus a fixed overhead per envelope)
 */
public record SubscriberLimits(int maxEvents, long maxBytes) {
    /** Room for bursts (an image pull, many containers exiting) while bounding each subscriber to a few MiB. */
    public static final SubscriberLimits DEFAULT = new SubscriberLimits(4096, 8L << 20);

    public SubscriberLimits {
        if (maxEvents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("subscriber limits must be positive: " + maxEvents + ", " + maxBytes);
        }
    }
}
