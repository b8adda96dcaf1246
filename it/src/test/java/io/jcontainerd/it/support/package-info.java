/**
 * Building blocks for integration tests that drive real processes: run a command with a timeout
 * ({@link io.jcontainerd.it.support.ProcessRunner}), keep a daemon up until its socket answers
 * ({@link io.jcontainerd.it.support.DaemonProcess}), Debian's containerd on throwaway paths
 * ({@link io.jcontainerd.it.support.DaemonInstance}) and the checks that decide whether a
 * test can run here ({@link io.jcontainerd.it.support.Host}).
 */
package io.jcontainerd.it.support;
