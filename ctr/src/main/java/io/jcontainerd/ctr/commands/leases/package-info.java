/** {@code jctr leases}: list, create and delete leases. */
package io.jcontainerd.ctr.commands.leases;
