package io.jcontainerd.image;

/**
 * A matcher that also ranks the platforms it matches (upstream's {@code platforms.MatchComparer}):
 * manifests of an index are tried in this order, so the first is the one an image resolves to.
 */
public interface MatchComparer extends PlatformMatcher {
    /** {@return whether {@code a} is preferred over {@code b}} */
    boolean less(Platform a, Platform b);
}
