/**
 * ctr's transfer progress display: a table of {@link io.jcontainerd.ctr.progress.ProgressStatus}
 * snapshots ({@link io.jcontainerd.ctr.progress.ProgressTable}), redrawn in place on a terminal
 * ({@link io.jcontainerd.ctr.progress.ProgressWriter}) every 100 ms by a
 * {@link io.jcontainerd.ctr.progress.ProgressDisplay}, from any source of snapshots: the content
 * store for a fetch, the push tracker for a push, or a server's progress stream.
 */
package io.jcontainerd.ctr.progress;
