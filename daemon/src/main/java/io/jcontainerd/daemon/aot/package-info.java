/** The build-time training run for the JDK AOT cache. */
package io.jcontainerd.daemon.aot;
