/** Error classes (containerd errdefs) that map once to gRPC status at the API edge. */
package io.jcontainerd.core.errdefs;
