/** {@code jctr version}: client and server versions. */
package io.jcontainerd.ctr.commands.version;
