/** OCI runtime specs as containerd's client makes them, for containers created from images. */
package io.jcontainerd.client.oci;
