/** The daemon: main, lifecycle, built-in plugin list. */
package io.jcontainerd.daemon;
