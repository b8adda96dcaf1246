package io.jcontainerd.shim;

import io.jcontainerd.sys.LinuxSyscalls;

/** The one reaper of the test JVM: two would each reap (waitpid(-1)) the other's children. */
final class TestReaper {
    static final Reaper INSTANCE = new Reaper(new LinuxSyscalls());

    private TestReaper() {
    }
}
