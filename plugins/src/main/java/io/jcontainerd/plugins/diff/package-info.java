/**
 * Layers and directories: {@link io.jcontainerd.plugins.diff.LayerApplier} applies an OCI layer
 * tar (containerd's {@code archive.Apply}, the {@code walking} differ's Apply),
 * {@link io.jcontainerd.plugins.diff.LayerCompression} undoes gzip or zstd first, and
 * {@link io.jcontainerd.plugins.diff.LayerWriter} writes the difference of two directories as a
 * layer ({@code archive.WriteDiff}, the differ's Diff). All file system access goes through
 * {@link io.jcontainerd.sys.Syscalls} on raw-byte paths.
 *
 * <h2>What a layer may do (layers are untrusted)</h2>
 * Nothing a layer holds can create, change or follow anything outside the root directory:
 * <ul>
 *   <li><b>Names</b> are cleaned lexically (empty and {@code .} components dropped, {@code a/../b}
 *       is {@code b}); a leading {@code /} means the root. A name whose {@code ..} climbs above the
 *       root is <em>refused</em> (containerd clamps it at the root instead; no layer writer makes
 *       one). An entry naming the root itself ({@code ./}) is skipped, as upstream.</li>
 *   <li><b>Symlinks</b> are created verbatim and never resolved when created. When a later entry's
 *       path goes <em>through</em> one, it is resolved as if the root were {@code /}: absolute
 *       targets start at the root, {@code ..} stops there (containerd's {@code fs.RootPath}). So
 *       {@code a -> /etc} then {@code a/passwd} writes {@code <root>/etc/passwd}. Every directory
 *       of a path is checked with {@code lstat} before use, so the kernel never follows a link.</li>
 *   <li><b>The last component</b> of an entry is never followed: an existing file, link or tree
 *       there is removed first (unless both are directories, which merge); files are created with
 *       {@code O_CREAT|O_EXCL|O_NOFOLLOW}; owner, mode, xattrs and times are set with the
 *       {@code l*} calls, and the mode is never set on a symlink (CVE-2021-32760).</li>
 *   <li><b>Hardlinks</b> must name an existing non-directory inside the root (resolved like a
 *       parent path, last component not followed: a link to a symlink links the symlink); a
 *       target above the root, missing, or a directory is refused.</li>
 *   <li><b>Whiteouts</b> {@code .wh.<name>} remove {@code <name>} in the resolved directory
 *       (a symlink is removed, not its target); {@code .wh..}, {@code .wh...} and {@code .wh.} are
 *       refused. {@code .wh..wh..opq} empties the directory of what earlier layers put there. On an
 *       overlayfs upper directory they become 0/0 character devices and
 *       {@code trusted.overlay.opaque=y}.</li>
 *   <li><b>Devices</b> with major or minor outside [0, 2^32-1], and owners outside
 *       [0, 2^32-2], are refused rather than truncated. {@code trusted.*} xattrs from a layer are
 *       ignored (logged). Sparse and unknown entry types are refused.</li>
 *   <li><b>Sizes</b>: tar extension headers (PAX, GNU long names) are capped at 1 MiB as in Go;
 *       {@link io.jcontainerd.plugins.diff.ApplyOptions} caps the uncompressed bytes and the entry
 *       count; zstd windows are capped at 128 MiB.</li>
 * </ul>
 * A refused layer fails with an {@link io.jcontainerd.core.errdefs.ErrdefsException} of kind
 * INVALID_ARGUMENT naming the entry; the half-applied root is for the caller to discard.
 */
package io.jcontainerd.plugins.diff;
