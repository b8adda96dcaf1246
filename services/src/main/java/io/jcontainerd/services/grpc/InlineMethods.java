package io.jcontainerd.services.grpc;

import java.util.Set;

/**
 * A gRPC service whose listed methods may run on the transport's event loop, where the request
 * was read, instead of on a virtual thread of their own. Handing a call to another thread and its
 * reply back cost about 100 µs of CPU and wake-ups per call, as much as serving the call; `ctr run`
 * makes 30 such small reads before its container starts.
 *
 * <p>A method belongs here only if it answers from local metadata or a small file, never waits on
 * another call, a shim, a lock held across slow work, or the network, and sends at most one
 * message before it returns: while it runs, no other connection's frames are read.
 */
public interface InlineMethods {
    /** {@return full names ({@code package.Service/Method}) of the methods safe to run inline} */
    Set<String> inlineMethods();
}
