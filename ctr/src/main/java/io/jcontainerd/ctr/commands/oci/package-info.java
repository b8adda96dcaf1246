/** {@code jctr oci}: OCI tools. */
package io.jcontainerd.ctr.commands.oci;
