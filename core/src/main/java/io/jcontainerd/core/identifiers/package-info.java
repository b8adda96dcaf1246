/** containerd identifier validation (namespaces, container IDs, lease IDs). */
package io.jcontainerd.core.identifiers;
