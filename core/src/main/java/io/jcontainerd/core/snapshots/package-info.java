/**
 * Snapshots: filesystem changesets in parent–child chains, and the {@link
 * io.jcontainerd.core.snapshots.Snapshotter} interface that backends implement, after containerd's
 * {@code snapshots} package.
 *
 * <h2>Key, name and parent</h2>
 * A <em>key</em> names an active or view snapshot, a <em>name</em> a committed one, a
 * <em>parent</em> is always the name of a committed snapshot ({@code ""}: none, an empty
 * directory). Keys and names share one space. Snapshotters never mount anything: they return
 * {@link io.jcontainerd.core.mount.Mount} descriptions that the caller mounts.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>{@code prepare(key, parent)} makes an <em>active</em> snapshot and returns its mounts.
 *       Mounted, the target shows the parent's content; changes made there are the snapshot's.
 *       {@code view(key, parent)} makes a read-only <em>view</em> instead.</li>
 *   <li>{@code commit(name, key)} turns the (unmounted) active snapshot into the
 *       <em>committed</em> snapshot {@code name}, with the same parent; {@code key} is gone.
 *       Only committed snapshots can be parents; active and committed never turn into one
 *       another otherwise.</li>
 *   <li>{@code remove(key)} abandons any snapshot; a parent goes only after its children.</li>
 * </ol>
 * Unpacking an image is: prepare on the previous layer's committed snapshot, mount, apply the
 * layer, unmount, commit under the chain ID. Running a container is: prepare on the image's top
 * snapshot and hand the mounts to the runtime.
 */
package io.jcontainerd.core.snapshots;
