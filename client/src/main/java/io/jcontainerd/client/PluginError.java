package io.jcontainerd.client;

/**
 * Why a plugin did not initialise.
 *
 * @param code    the gRPC status code number the daemon reported
 * @param message e.g. {@code ...: skip plugin} for plugins skipped on purpose
 */
public record PluginError(int code, String message) {
    private static final String SKIP_PLUGIN = "skip plugin";

    /** {@return whether the plugin declined to load rather than failed (containerd's ErrSkipPlugin)} */
    public boolean skipped() {
        return message.contains(SKIP_PLUGIN);
    }
}
