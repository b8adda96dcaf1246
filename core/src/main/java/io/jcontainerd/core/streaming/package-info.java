/**
 * Named bidirectional streams, after containerd 2.x's {@code core/streaming}: a client opens one
 * through the Streaming API, names it, and a later call in the same namespace (a transfer) picks
 * it up by that name to send progress or ask for credentials. Messages stay encoded
 * ({@link io.jcontainerd.core.types.TypedValue}: a protobuf {@code Any}'s type URL and
 * bytes) because core has no protobuf.
 */
package io.jcontainerd.core.streaming;
