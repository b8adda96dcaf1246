package io.jcontainerd.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** Names and descriptions of errno values from glibc ({@code strerrorname_np}, {@code strerrordesc_np}). */
final class ErrnoText {
    private static final MethodHandle NAME = lookup("strerrorname_np");
    private static final MethodHandle DESCRIPTION = lookup("strerrordesc_np");
    /** Longer than any glibc errno text; the strings are static and NUL-terminated. */
    private static final long MAX_TEXT = 256;

    private ErrnoText() {
    }

    static String name(int errno) {
        String s = call(NAME, errno);
        return s != null ? s : "errno " + errno;
    }

    static String description(int errno) {
        String s = call(DESCRIPTION, errno);
        return s != null ? s : "Unknown error " + errno;
    }

    @SuppressWarnings("restricted") // reads glibc's static NUL-terminated strings
    private static String call(MethodHandle handle, int errno) {
        try {
            MemorySegment text = (MemorySegment) handle.invokeExact(errno);
            return text.equals(MemorySegment.NULL) ? null : text.reinterpret(MAX_TEXT).getString(0);
        } catch (Throwable t) {
            throw DowncallFailure.of("glibc errno text lookup", t);
        }
    }

    @SuppressWarnings("restricted") // this module is where native access lives
    private static MethodHandle lookup(String function) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find(function).orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }
}
