/**
 * The metadata store: one SQLite database (WAL, versioned schema) holding every namespaced record;
 * namespaces, leases and which namespace owns which blob (the bytes stay in the content store)
 * today; images, snapshots and containers as they arrive.
 */
package io.jcontainerd.plugins.metadata;
