/** {@code ctr events}: the daemon's event stream, printed line by line as ctr prints it. */
package io.jcontainerd.ctr.commands.events;
