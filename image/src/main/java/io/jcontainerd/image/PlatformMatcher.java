package io.jcontainerd.image;

/** Decides whether a platform, declared by an image or a runtime, is acceptable (upstream's {@code platforms.Matcher}). */
@FunctionalInterface
public interface PlatformMatcher {
    boolean match(Platform platform);
}
