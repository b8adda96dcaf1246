package io.jcontainerd.sys.inflate;

import io.jcontainerd.sys.DowncallFailure;
import io.jcontainerd.sys.OptionalLibrary;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Intel's ISA-L inflate ({@code libisal.so.2}): {@code isal_inflate_init} and {@code isal_inflate}
 * on a {@code struct inflate_state}. Only the struct's head is stable across releases of the
 * library, so the fields past it are located by the offsets below, as Debian 12's 2.30 lays them
 * out, and the struct gets room to spare; {@link #get} hands the library out only once a known
 * gzip stream decodes through those offsets ({@link IsalSelfTest}), and the JDK's zlib serves
 * otherwise.
 */
final class Isal {
    /** {@code sizeof(struct inflate_state)} in 2.30, and 64 KiB more in case a later 2.x grew it. */
    static final long STATE_ALLOCATION = 87_368 + (64 << 10);
    static final long NEXT_OUT = 0;
    static final long AVAIL_OUT = 8;
    static final long NEXT_IN = 16;
    static final long AVAIL_IN = 32;
    static final long BLOCK_STATE = 21_160;
    static final long CRC_FLAG = 21_172;

    /** {@code crc_flag}: deflate data then a gzip trailer, whose CRC-32 and size are checked. */
    static final int GZIP_NO_HDR_VER = 6;
    /** {@code block_state} once a member is decoded, its trailer checked and all output handed out. */
    static final int BLOCK_FINISH = 5;
    static final int DECOMP_OK = 0;
    static final int END_INPUT = 1;

    private static final System.Logger LOG = System.getLogger(Isal.class.getName());
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

    private static Optional<Isal> load() {
        Optional<OptionalLibrary> library = OptionalLibrary.open("libisal.so.2");
        if (library.isEmpty()) {
            return Optional.empty();
        }
        try {
            Isal isal = new Isal(library.get().function("isal_inflate_init", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS)),
                    library.get().function("isal_inflate", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS)));
            if (IsalSelfTest.passes(isal)) {
                return Optional.of(isal);
            }
            LOG.log(System.Logger.Level.WARNING,
                    "libisal.so.2 fails the inflate self-test: gzip decodes by the JDK's zlib");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "libisal.so.2 unusable: gzip decodes by the JDK's zlib: " + e);
        }
        return Optional.empty();
    }

    /** Resets {@code state} for a new gzip member's deflate data (its header already read). */
    void init(MemorySegment state) {
        try {
            init.invokeExact(state);
        } catch (Throwable t) {
            throw DowncallFailure.of("isal_inflate_init", t);
        }
        state.set(ValueLayout.JAVA_INT, CRC_FLAG, GZIP_NO_HDR_VER);
    }

    /** {@return isal_inflate's result: 0 or 1 when it went well, negative for bad input} */
    int inflate(MemorySegment state) {
        try {
            return (int) inflate.invokeExact(state);
        } catch (Throwable t) {
            throw DowncallFailure.of("isal_inflate", t);
        }
    }
}
