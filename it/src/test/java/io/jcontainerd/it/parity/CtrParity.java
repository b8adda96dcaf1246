package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.BackgroundProcess;
import io.jcontainerd.it.support.DaemonInstance;
import io.jcontainerd.it.support.Host;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Runs the same command line twice and asserts both runs behave the same: the reference (Debian's
 * ctr against Debian's containerd) and the {@link Pairing} under test (jctr and/or our daemon).
 * With daemons, {@code -a <socket>} of each side's own daemon goes first and the daemons'
 * directories read as {@code <daemon>}; log timestamps always read as {@code <time>}.
 */
final class CtrParity implements AutoCloseable {
    static final Path CTR = Path.of("/usr/bin/ctr");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final String DAEMON_DIR = "<daemon>";

    /** What is compared with ctr on containerd. */
    enum Pairing {
        JCTR_ON_CONTAINERD(true, false),
        CTR_ON_JCONTAINERD(false, true),
        JCTR_ON_JCONTAINERD(true, true);

        final boolean jctr;
        final boolean jcontainerd;

        Pairing(boolean jctr, boolean jcontainerd) {
            this.jctr = jctr;
            this.jcontainerd = jcontainerd;
        }
    }

    // plain runs only: a JVM warning about a cache would be a difference in stderr
    private static final Map<String, String> ENVIRONMENT = Map.of("JCD_AOT", "0");
    private final ProcessRunner runner = new ProcessRunner(COMMAND_TIMEOUT, ENVIRONMENT);
    private final Path jctr = Host.home().resolve("bin/jctr");
    private final Pairing pairing;
    private final DaemonInstance referenceDaemon;
    private final DaemonInstance testedDaemon;

    private CtrParity(Pairing pairing, DaemonInstance referenceDaemon, DaemonInstance testedDaemon) {
        this.pairing = pairing;
        this.referenceDaemon = referenceDaemon;
        this.testedDaemon = testedDaemon;
    }

    /** Both clients without a daemon: for help, usage and dial errors. */
    static CtrParity withoutDaemons() {
        return new CtrParity(Pairing.JCTR_ON_CONTAINERD, null, null);
    }

    /** Starts the reference containerd and the daemon {@code pairing} tests. */
    static CtrParity withDaemons(Pairing pairing) {
        DaemonInstance reference = DaemonInstance.containerd();
        try {
            return new CtrParity(pairing, reference,
                    pairing.jcontainerd ? DaemonInstance.jcontainerd() : DaemonInstance.containerd());
        } catch (RuntimeException | AssertionError e) {
            reference.close();
            throw e;
        }
    }

    /** {@return what the reference daemon and the tested one have logged so far, in that order} */
    List<String> daemonLogs() {
        return List.of(referenceDaemon.logText(), testedDaemon.logText());
    }

    Pairing pairing() {
        return pairing;
    }

    /** {@return the daemons' gRPC sockets, the reference's first} */
    List<Path> daemonSockets() {
        return List.of(referenceDaemon.socket(), testedDaemon.socket());
    }

    /** Asserts equal behaviour and returns the tested side's (normalised) result. */
    ProcessResult assertSame(String... args) {
        return assertSame(UnaryOperator.identity(), args);
    }

    /** @param normalizer applied to both sides' output first, for differences that are expected */
    ProcessResult assertSame(UnaryOperator<String> normalizer, String... args) {
        ProcessResult expected = ctr(args).map(normalizer);
        ProcessResult actual = tested(args).map(normalizer);
        assertThat(actual).as("%s: %s", pairing, String.join(" ", args)).isEqualTo(expected);
        return actual;
    }

    /** Runs Debian's ctr against the reference containerd. */
    ProcessResult ctr(String... args) {
        return run(List.of(CTR.toString()), referenceDaemon, args);
    }

    /** Like {@link #assertSame(UnaryOperator, String...)}, both sides reading {@code stdin}. */
    ProcessResult assertSameReading(Path stdin, UnaryOperator<String> normalizer, String... args) {
        ProcessResult expected = runner.run(command(List.of(CTR.toString()), referenceDaemon, args), stdin)
                .map(text -> commonNormalizations(text, referenceDaemon)).map(normalizer);
        ProcessResult actual = runner.run(command(List.of((pairing.jctr ? jctr : CTR).toString()), testedDaemon, args),
                stdin).map(text -> commonNormalizations(text, testedDaemon)).map(normalizer);
        assertThat(actual).as("%s: %s < %s", pairing, String.join(" ", args), stdin).isEqualTo(expected);
        return actual;
    }

    /** Runs Debian's ctr against the tested daemon: to look at the state the tested client left there. */
    ProcessResult ctrOnTested(String... args) {
        return run(List.of(CTR.toString()), testedDaemon, args);
    }

    /**
     * Runs Debian's ctr with the same arguments against both daemons and asserts the same result
     * after {@code normalizer}: the state the two clients left behind is the same.
     */
    ProcessResult assertSameState(UnaryOperator<String> normalizer, String... args) {
        ProcessResult expected = ctr(args).map(normalizer);
        ProcessResult actual = ctrOnTested(args).map(normalizer);
        assertThat(actual).as("%s, state by ctr: %s", pairing, String.join(" ", args)).isEqualTo(expected);
        return actual;
    }

    /** Runs Debian's ctr with the same arguments against both daemons, asserting success. */
    void ctrOnBoth(String... args) {
        assertThat(run(List.of(CTR.toString()), referenceDaemon, args).exitCode()).isZero();
        assertThat(run(List.of(CTR.toString()), testedDaemon, args).exitCode()).isZero();
    }

    /**
     * Collects garbage on both daemons now (a lease deleted with {@code --sync}): a delete makes a
     * daemon collect soon after, at a moment that differs between the sides, which would strike a
     * later scenario; collecting at once keeps the states comparable.
     */
    void collectGarbageOnBoth() {
        ctrOnBoth("leases", "create", "--id", "gc-now");
        ctrOnBoth("leases", "rm", "--sync", "gc-now");
    }

    /** Runs the tested client against the tested daemon. */
    ProcessResult tested(String... args) {
        return run(List.of((pairing.jctr ? jctr : CTR).toString()), testedDaemon, args);
    }

    /**
     * Starts the same command line on both sides and leaves it running (e.g. {@code events}): Debian's
     * ctr on the reference daemon, the tested client on the tested daemon.
     */
    Background inBackground(String... args) {
        BackgroundProcess reference = BackgroundProcess.start(command(List.of(CTR.toString()), referenceDaemon, args),
                ENVIRONMENT);
        try {
            return new Background(reference, BackgroundProcess.start(
                    command(List.of((pairing.jctr ? jctr : CTR).toString()), testedDaemon, args), ENVIRONMENT));
        } catch (RuntimeException e) {
            reference.close();
            throw e;
        }
    }

    /** Both sides of {@link #inBackground}; closing stops both. */
    final class Background implements AutoCloseable {
        private final BackgroundProcess reference;
        private final BackgroundProcess tested;

        private Background(BackgroundProcess reference, BackgroundProcess tested) {
            this.reference = reference;
            this.tested = tested;
        }

        /** Waits until both sides' output satisfies {@code condition}. */
        void awaitStdout(Predicate<String> condition, Duration timeout) throws InterruptedException {
            reference.awaitStdout(condition, timeout);
            tested.awaitStdout(condition, timeout);
        }

        /** Stops both, asserts they behaved the same after {@code normalizer} and returns the tested side's result. */
        ProcessResult stopAndAssertSame(UnaryOperator<String> normalizer) throws InterruptedException {
            ProcessResult expected = reference.stop().map(text -> commonNormalizations(text, referenceDaemon)).map(normalizer);
            ProcessResult actual = tested.stop().map(text -> commonNormalizations(text, testedDaemon)).map(normalizer);
            assertThat(actual).as("%s: in the background", pairing).isEqualTo(expected);
            return actual;
        }

        @Override
        public void close() {
            try {
                reference.close();
            } finally {
                tested.close();
            }
        }
    }

    /**
     * {@return the command line of one side, for tests that run it their own way (in a terminal,
     * or one side after the other)}: Debian's ctr on the reference daemon, or the tested client on
     * the tested daemon; {@link #environment} is to be added to it
     */
    List<String> commandLine(boolean reference, String... args) {
        return reference ? command(List.of(CTR.toString()), referenceDaemon, args)
                : command(List.of((pairing.jctr ? jctr : CTR).toString()), testedDaemon, args);
    }

    /** {@return the environment the clients run with} */
    static Map<String, String> environment() {
        return ENVIRONMENT;
    }

    private ProcessResult run(List<String> program, DaemonInstance daemon, String... args) {
        ProcessResult result = runner.run(command(program, daemon, args));
        return result.map(text -> commonNormalizations(text, daemon));
    }

    private static List<String> command(List<String> program, DaemonInstance daemon, String... args) {
        List<String> command = new ArrayList<>(program);
        if (daemon != null) {
            command.addAll(List.of("-a", daemon.socket().toString()));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static String commonNormalizations(String text, DaemonInstance daemon) {
        String t = text.replaceAll("time=\"[^\"]*\"", "time=\"<time>\"");
        return daemon == null ? t : t.replace(daemon.dir().toString(), DAEMON_DIR);
    }

    @Override
    public void close() {
        try {
            if (referenceDaemon != null) {
                referenceDaemon.close();
            }
        } finally {
            if (testedDaemon != null) {
                testedDaemon.close();
            }
        }
    }
}
