/** Content: the domain service over the namespaced content store, and the Content gRPC API on it. */
package io.jcontainerd.services.content;
