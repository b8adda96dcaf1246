/** {@code jctr plugins|plugin}: the daemon's plugins as its introspection service reports them. */
package io.jcontainerd.ctr.commands.plugins;
