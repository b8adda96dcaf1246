package io.jcontainerd.sys.inflate;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Intel's ISA-L inflate ({@code libisal.so.2}): {@code isal_inflate_init} and {@code isal_inflate}
 * on a {@code struct inflate_state}. Only the struct's head is stable across releases of the
 * library, so the fields past it are located by {@link #STATE_BYTES} and the offsets below, as
 * Debian 12's 2.30 lays them out; {@link #get} hands the library out only once a known gzip
 * stream decodes through those offsets. The calls are critical: they neither block nor call back,
 * and each is bounded by the buffers it is given.
 */
final class Isal {
    /** {@code sizeof(struct inflate_state)} in 2.30. */
    static final long STATE_BYTES = 87_368;
    static final long NEXT_OUT = 0;
    static final long AVAIL_OUT = 8;
    static final long NEXT_IN = 16;
    static final long AVAIL_IN = 32;
    static final long BLOCK_STATE = 21_160;
    static final long CRC_FLAG = 21_172;

    /** {@code crc_flag}: parse the gzip header and check the trailer's CRC-32 and size. */
    static final int GZIP = 1;
    /** {@code block_state} once a member is decoded, its trailer checked and all output handed out. */
    static final int BLOCK_FINISH = 5;
    static final int DECOMP_OK = 0;
    static final int END_INPUT = 1;

    private static final Optional<Isal> LOADED = load();

    private final MethodHandle init;
    private final MethodHandle inflate;

    private Isal(MethodHandle init, MethodHandle inflate) {
        this.init = init;
        this.inflate = inflate;
    }

    /** {@return ISA-L's inflate, or empty where {@code libisal.so.2} is missing or lays its state out otherwise} */
    static Optional<Isal> get() {
        return LOADED;
    }

    @SuppressWarnings("restricted") // this module is where native access lives
    private static Optional<Isal> load() {
        SymbolLookup library;
        try {
            library = SymbolLookup.libraryLookup("libisal.so.2", Arena.global());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Linker linker = Linker.nativeLinker();
        Linker.Option critical = Linker.Option.critical(false);
        try {
            Isal isal = new Isal(
                    linker.downcallHandle(library.find("isal_inflate_init").orElseThrow(),
                            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS), critical),
                    linker.downcallHandle(library.find("isal_inflate").orElseThrow(),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS), critical));
            return IsalSelfTest.passes(isal) ? Optional.of(isal) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Resets {@code state} for a new gzip member. */
    void init(MemorySegment state) {
        try {
            init.invokeExact(state);
        } catch (Throwable t) {
            throw rethrown(t);
        }
        state.set(ValueLayout.JAVA_INT, CRC_FLAG, GZIP);
    }

    /** {@return isal_inflate's result: 0 or 1 when it went well, negative for bad input} */
    int inflate(MemorySegment state) {
        try {
            return (int) inflate.invokeExact(state);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    private static RuntimeException rethrown(Throwable t) {
        return switch (t) {
            case RuntimeException e -> e;
            case Error e -> throw e;
            default -> new IllegalStateException(t);
        };
    }
}
