/**
 * Tasks as containerd's {@code runtime} package sees them: a {@link PlatformRuntime} creates and
 * tracks {@link Task}s per namespace; a task is a container's init {@link RuntimeProcess} plus its
 * execs. Values only; the runtime v2 plugin implements it over shims.
 */
package io.jcontainerd.core.runtime;
