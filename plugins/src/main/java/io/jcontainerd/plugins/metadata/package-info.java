/**
 * The metadata store: one SQLite database (WAL, versioned schema) holding every namespaced record;
 * namespaces and leases today; content, images, snapshots and containers as they arrive.
 */
package io.jcontainerd.plugins.metadata;
