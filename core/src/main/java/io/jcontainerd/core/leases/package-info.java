/**
 * Leases: named, labelled holds that keep resources (content, ingests, snapshots) from garbage
 * collection while a client is still putting them together. A {@link io.jcontainerd.core.leases.LeaseStore}
 * hands out one {@link io.jcontainerd.core.leases.LeaseManager} per namespace. Semantics, error
 * texts and resource types follow containerd 1.6's metadata lease manager.
 */
package io.jcontainerd.core.leases;
