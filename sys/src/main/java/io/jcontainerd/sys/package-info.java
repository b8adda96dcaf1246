/**
 * The kernel behind one small interface: {@link io.jcontainerd.sys.Syscalls}, implemented by
 * {@link io.jcontainerd.sys.LinuxSyscalls} with the FFM API (no JNI). Paths are raw bytes
 * ({@link io.jcontainerd.sys.RawPath}); failures are {@link io.jcontainerd.sys.SyscallException}s
 * naming the call, the path and the {@link io.jcontainerd.sys.Errno}. Processes using it need
 * {@code --enable-native-access=ALL-UNNAMED} (set in {@code daemon/jvm.options} and surefire's argLine).
 */
package io.jcontainerd.sys;
