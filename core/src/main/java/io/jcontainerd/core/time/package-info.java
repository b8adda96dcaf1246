/** Go-compatible time syntax shared by the config and the CLI. */
package io.jcontainerd.core.time;
