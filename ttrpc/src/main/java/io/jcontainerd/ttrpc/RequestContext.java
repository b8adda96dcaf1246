package io.jcontainerd.ttrpc;

import java.time.Instant;
import java.util.Optional;

/**
 * What a handler knows about the call besides its payload.
 *
 * <p>The deadline is advisory: like upstream, the server still sends whatever the handler
 * returns after it passed. Handlers doing long work should check it.
 *
 * @param service full service name, e.g. {@code containerd.task.v2.Task}
 * @param method method name, e.g. {@code State}
 * @param metadata the caller's metadata
 * @param deadline when the caller stops waiting, if it sent a timeout
 */
public record RequestContext(String service, String method, Metadata metadata, Optional<Instant> deadline) {
}
