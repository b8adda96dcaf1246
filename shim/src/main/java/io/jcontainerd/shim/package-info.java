/**
 * {@code containerd-shim-jrunc-v2}: a runtime-v2 shim that serves containerd's
 * {@code containerd.task.v2.Task} ttrpc service and drives runc. One shim process serves every
 * container of its group (by default a namespace), so a JVM is paid once, not per container.
 *
 * <p>The shim owns the process lifecycle: it is a child subreaper, spawns runc with
 * {@code posix_spawn} and reaps every child on one {@link io.jcontainerd.shim.Reaper} thread, which
 * hands exit statuses to whoever waits for that pid (nothing here uses {@link ProcessBuilder}, whose
 * own reaping would race with a {@code waitpid(-1)}).
 */
package io.jcontainerd.shim;
