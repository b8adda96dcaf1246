/**
 * The daemon's pull, one pipeline from a registry into the image store: documents (index,
 * manifests, configs) first, then every layer of the chosen platforms fetched concurrently into
 * content (digest checked while it streams, resumed from an interrupted ingest), each applied into
 * its snapshot as soon as it and the layers below it are in, then the image record. Everything
 * goes through the stores' interfaces and the other services; the pull runs under a lease.
 */
package io.jcontainerd.services.transfer.pull;
