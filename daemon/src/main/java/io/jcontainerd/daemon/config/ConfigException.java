package io.jcontainerd.daemon.config;

/** A config file that cannot be used: syntax error (with file and line) or a value of the wrong type. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
