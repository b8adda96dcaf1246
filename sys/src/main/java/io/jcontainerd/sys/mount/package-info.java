/** Performing the mounts snapshotters describe: containerd's mount package on our {@link io.jcontainerd.sys.Syscalls}. */
package io.jcontainerd.sys.mount;
