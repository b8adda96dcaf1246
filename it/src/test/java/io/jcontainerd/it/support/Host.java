package io.jcontainerd.it.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this machine offers; tests skip (JUnit assumptions) rather than fail without it. */
public final class Host {
    private Host() {
    }

    /** The effective uid is the owner of this process's /proc entry. */
    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    public static void assumeRoot() {
        assumeTrue(isRoot(), "needs root");
    }

    public static void assumeExecutable(Path program) {
        assumeTrue(Files.isExecutable(program), program + " is not installed");
    }

    /** {@return the repository root, from the {@code jcontainerd.home} system property failsafe sets} */
    public static Path home() {
        String home = System.getProperty("jcontainerd.home");
        if (home == null) {
            throw new IllegalStateException("system property jcontainerd.home is not set (run through failsafe)");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }
}
