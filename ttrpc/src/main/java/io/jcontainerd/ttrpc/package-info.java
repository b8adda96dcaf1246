/**
 * ttrpc, containerd's lightweight request/response protocol between containerd and runtime-v2
 * shims, over Unix domain sockets with plain JDK NIO and virtual threads.
 *
 * <p>Wire format (compatible with {@code github.com/containerd/ttrpc}): each message is a
 * {@linkplain FrameHeader 10-byte header} followed by a protobuf {@code ttrpc.Request} or
 * {@code ttrpc.Response} envelope whose payload holds the method's own message. Calls are
 * multiplexed on one connection by odd, client-chosen stream ids.
 *
 * <p>Entry points: {@link io.jcontainerd.ttrpc.TtrpcServer} serving {@link
 * io.jcontainerd.ttrpc.TtrpcService}s, and {@link io.jcontainerd.ttrpc.TtrpcClient}. Failed calls
 * carry gRPC status codes ({@link io.jcontainerd.ttrpc.StatusCodes}) in a {@link
 * io.jcontainerd.ttrpc.TtrpcStatusException}.
 */
package io.jcontainerd.ttrpc;
