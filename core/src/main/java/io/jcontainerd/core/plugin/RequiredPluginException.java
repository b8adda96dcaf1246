package io.jcontainerd.core.plugin;

/** A plugin named in {@code required_plugins} did not initialise: the daemon must not start. */
public final class RequiredPluginException extends RuntimeException {
    public RequiredPluginException(String uri, Throwable cause) {
        super(cause == null
                ? "required plugin " + uri + " is not registered or is disabled"
                : "load required plugin " + uri + ": " + cause.getMessage(), cause);
    }
}
