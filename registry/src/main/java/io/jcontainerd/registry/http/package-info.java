/**
 * HTTP details shared by the registry operations and the token fetcher: status texts, the
 * registry's JSON error bodies, turning an unexpected status into an errdefs error, and bounded
 * body reads.
 */
package io.jcontainerd.registry.http;
