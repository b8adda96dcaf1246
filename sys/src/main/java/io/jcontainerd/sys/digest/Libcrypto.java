package io.jcontainerd.sys.digest;

import io.jcontainerd.sys.DowncallFailure;
import io.jcontainerd.sys.OptionalLibrary;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * OpenSSL's one-shot-state SHA-256 functions ({@code SHA256_Init}, {@code _Update}, {@code _Final}).
 * Their state is a plain 112-byte struct, so a hasher needs no native allocation to free and is
 * cloned by copying it. The calls are critical (no safepoint, heap arrays passed in place): they
 * neither block nor call back, and an update is bounded by {@link #MAX_UPDATE}.
 */
final class Libcrypto {
    /** {@code sizeof(SHA256_CTX)}: h[8], Nl, Nh, data[16], num, md_len as 32-bit words. */
    static final long CONTEXT_BYTES = 112;
    /** Bytes per update call, so one call holds off the garbage collector for well under a millisecond. */
    static final int MAX_UPDATE = 256 * 1024;

    private static final Optional<Libcrypto> LOADED = load();

    private final MethodHandle init;
    private final MethodHandle update;
    private final MethodHandle fin;

    private Libcrypto(MethodHandle init, MethodHandle update, MethodHandle fin) {
        this.init = init;
        this.update = update;
        this.fin = fin;
    }

    /** {@return libcrypto's SHA-256, or empty where {@code libcrypto.so.3} cannot be loaded} */
    static Optional<Libcrypto> get() {
        return LOADED;
    }

    private static Optional<Libcrypto> load() {
        Optional<OptionalLibrary> library = OptionalLibrary.open("libcrypto.so.3");
        if (library.isEmpty()) {
            return Optional.empty();
        }
        Linker.Option critical = Linker.Option.critical(true);
        try {
            return Optional.of(new Libcrypto(
                    library.get().function("SHA256_Init", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                            critical),
                    library.get().function("SHA256_Update", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), critical),
                    library.get().function("SHA256_Final", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS), critical)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    void init(MemorySegment context) {
        check(invoke(() -> (int) init.invokeExact(context)), "SHA256_Init");
    }

    void update(MemorySegment context, MemorySegment data) {
        check(invoke(() -> (int) update.invokeExact(context, data, data.byteSize())), "SHA256_Update");
    }

    void fin(MemorySegment context, MemorySegment digest) {
        check(invoke(() -> (int) fin.invokeExact(digest, context)), "SHA256_Final");
    }

    private interface Call {
        int run() throws Throwable;
    }

    private static int invoke(Call call) {
        try {
            return call.run();
        } catch (Throwable t) {
            throw DowncallFailure.of("libcrypto", t);
        }
    }

    private static void check(int result, String function) {
        if (result != 1) {
            throw new IllegalStateException(function + " failed");
        }
    }
}
