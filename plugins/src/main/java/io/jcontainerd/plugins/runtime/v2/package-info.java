/**
 * {@code io.containerd.runtime.v2 task}: tasks run by runtime-v2 shims (any
 * {@code containerd-shim-<name>-<version>} binary, e.g. Debian's {@code containerd-shim-runc-v2}),
 * as containerd 1.6's {@code runtime/v2}: a bundle per task under the state dir, the shim's
 * {@code start}/{@code delete} subcommands with containerd's arguments, environment and stdin,
 * the task API over ttrpc, reconnection to live shims when the daemon starts, and cleanup after
 * shims that died.
 */
package io.jcontainerd.plugins.runtime.v2;
