/**
 * Plugins as plain Java: a {@link io.jcontainerd.core.plugin.Registration} declares type, ID,
 * requirements and config; {@link io.jcontainerd.core.plugin.PluginLoader} initialises them in
 * {@link io.jcontainerd.core.plugin.PluginGraph} order into a {@link io.jcontainerd.core.plugin.PluginSet}.
 */
package io.jcontainerd.core.plugin;
