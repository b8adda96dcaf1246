/**
 * Content: immutable blobs addressed by {@link io.jcontainerd.core.content.Digest}, and the
 * interfaces of the stores that hold them, after containerd's {@code content} package.
 *
 * <h2>Lifecycle of a write</h2>
 * <ol>
 *   <li>A client picks a <em>ref</em>, a key of its own choosing for one write (containerd's
 *       clients use e.g. {@code <namespace>-layer-sha256:…}), and asks the
 *       {@link io.jcontainerd.core.content.Ingester} for a
 *       {@link io.jcontainerd.core.content.Writer}. That starts an <em>ingest</em>, or resumes the
 *       existing one for the ref: the writer's {@link io.jcontainerd.core.content.Writer#offset()}
 *       then says how much is already there, and the client continues from that offset (or
 *       {@link io.jcontainerd.core.content.Writer#truncate(long) truncates} to 0 and starts over).
 *       One writer at a time may hold a ref; others get UNAVAILABLE and retry.</li>
 *   <li>The client writes bytes; the writer digests them as they stream through.</li>
 *   <li>{@link io.jcontainerd.core.content.Writer#commit} checks the size and digest the client
 *       expects and makes the bytes a blob, atomically: readers see all of it or nothing. The
 *       ingest is gone afterwards. Committing bytes whose digest is already present yields
 *       ALREADY_EXISTS, which clients treat as success.</li>
 *   <li>Instead of committing, a client may {@link io.jcontainerd.core.content.Writer#close()}
 *       the writer, keeping the ingest to resume later (after a disconnect, or a daemon
 *       restart), or {@link io.jcontainerd.core.content.IngestManager#abort abort} it, removing
 *       it. {@link io.jcontainerd.core.content.IngestManager#listStatuses} shows the ingests in
 *       progress.</li>
 * </ol>
 * Committed content is read through a {@link io.jcontainerd.core.content.Provider} and managed
 * (info, walk, delete) through a {@link io.jcontainerd.core.content.Manager}; blobs never change.
 * Labels belong to the metadata layer, which wraps a store per namespace.
 */
package io.jcontainerd.core.content;
