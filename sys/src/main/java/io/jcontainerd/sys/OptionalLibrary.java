package io.jcontainerd.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A shared library the daemon can do without (ISA-L, libcrypto): opened where the system has it,
 * its functions bound as downcall handles. The JDK serves where it is missing.
 */
public final class OptionalLibrary {
    private final String soname;
    private final SymbolLookup symbols;

    private OptionalLibrary(String soname, SymbolLookup symbols) {
        this.soname = soname;
        this.symbols = symbols;
    }

    /** {@return the library {@code soname}, loaded for the life of the process; empty where the system has none} */
    @SuppressWarnings("restricted") // this module is where native access lives
    public static Optional<OptionalLibrary> open(String soname) {
        try {
            return Optional.of(new OptionalLibrary(soname, SymbolLookup.libraryLookup(soname, Arena.global())));
        } catch (IllegalArgumentException missing) {
            return Optional.empty();
        }
    }

    /**
     * {@return a handle that calls {@code function}}
     *
     * @throws NoSuchElementException where this build of the library lacks it
     */
    @SuppressWarnings("restricted") // this module is where native access lives
    public MethodHandle function(String function, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = symbols.find(function)
                .orElseThrow(() -> new NoSuchElementException(soname + " has no " + function));
        return Linker.nativeLinker().downcallHandle(symbol, descriptor, options);
    }
}
