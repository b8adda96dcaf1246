package io.jcontainerd.core.plugin;

/** Creates a plugin's instance; throw {@link SkipPluginException} when the plugin does not apply on this host. */
@FunctionalInterface
public interface PluginInit<T> {
    T init(InitContext context) throws Exception;
}
