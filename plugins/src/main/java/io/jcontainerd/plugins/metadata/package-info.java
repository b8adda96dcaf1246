/**
 * The metadata store: one SQLite database (WAL, versioned schema) holding every namespaced record;
 * namespaces today, content, images, snapshots, containers and leases as they arrive.
 */
package io.jcontainerd.plugins.metadata;
