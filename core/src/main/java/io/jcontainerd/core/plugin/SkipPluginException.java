package io.jcontainerd.core.plugin;

/** "Does not apply here" (missing kernel feature, wrong filesystem): reported as status skip, not error. */
public final class SkipPluginException extends Exception {
    public SkipPluginException(String message) {
        super(message);
    }
}
