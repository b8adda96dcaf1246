package io.jcontainerd.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Everything jctr answers without a daemon: help screens, version and usage errors. */
class CtrAppTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new CtrApp(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionFlag() {
        assertThat(run("--version")).isZero();
        assertThat(out()).isEqualTo("jctr github.com/jcontainerd/jcontainerd 0.1.0\n");
        for (String[] args : new String[][] {{"-v", "ns", "ls"}, {"--v"}, {"-version", "bogus"}, {"-n", "x", "--version"}}) {
            out.reset();
            assertThat(run(args)).as(String.join(" ", args)).isZero();
            assertThat(out()).as(String.join(" ", args)).isEqualTo("jctr github.com/jcontainerd/jcontainerd 0.1.0\n");
        }
    }

    /** As urfave: a command's flags all parse before its --help or --version answers, so an unknown one is an error. */
    @Test
    void helpOrVersionWithAnUnknownFlagOfTheSameCommandIsAUsageError() {
        for (String[] args : new String[][] {{"--version", "--bogus"}, {"--help", "-bogus"}, {"images", "ls", "--help", "--bogus"},
                {"images", "--bogus", "--help"}}) {
            out.reset();
            err.reset();
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(1);
            assertThat(err()).as(String.join(" ", args)).isEqualTo("ctr: flag provided but not defined: -bogus\n");
            assertThat(out()).as(String.join(" ", args)).startsWith("Incorrect Usage");
        }
        out.reset();
        assertThat(run("--help", "images", "--bogus")).as("a later command's flags are not parsed").isZero();
        assertThat(out()).isEqualTo(Golden.read("app-help.txt"));
    }

    @Test
    void appHelpInEveryForm() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-h"}, {"help"}, {"h"}, {"-h", "ns", "ls"}}) {
            out.reset();
            assertThat(run(args)).isZero();
            assertThat(out()).as(String.join(" ", args)).isEqualTo(Golden.read("app-help.txt"));
        }
    }

    @Test
    void groupHelp() {
        assertThat(run("namespace")).isZero();
        assertThat(out()).isEqualTo(Golden.read("namespaces-group.txt"));
    }

    @Test
    void leasesScreens() {
        assertThat(run("leases")).isZero();
        assertThat(out()).isEqualTo(Golden.read("leases-group.txt"));
        out.reset();
        assertThat(run("leases", "create", "--help")).isZero();
        assertThat(out()).isEqualTo(Golden.read("leases-create.txt"));
    }

    @Test
    void deletingNoLeasesShowsTheCommandsHelpWithoutDialing() {
        assertThat(run("-a", "/nonexistent/sock", "leases", "rm")).isZero();
        assertThat(out()).isEqualTo(Golden.read("leases-delete.txt"));
        assertThat(err()).isEmpty();
    }

    @Test
    void commandHelp() {
        assertThat(run("ns", "rm", "--help")).isZero();
        assertThat(out()).isEqualTo(Golden.read("namespaces-remove.txt"));
    }

    @Test
    void helpCommandUsesTheCommandScreenEvenForGroups() {
        assertThat(run("help", "ns")).isZero();
        assertThat(out()).isEqualTo(Golden.read("help-namespaces.txt"));
        out.reset();
        assertThat(run("help", "version")).isZero();
        assertThat(out()).isEqualTo(Golden.read("version.txt"));
    }

    @Test
    void unknownFlagOnACommandShowsItsScreen() {
        assertThat(run("ns", "remove", "--bogus=1")).isEqualTo(1);
        assertThat(out()).isEqualTo("Incorrect Usage: flag provided but not defined: -bogus\n\n"
                + Golden.read("namespaces-remove.txt"));
        assertThat(err()).isEqualTo("ctr: flag provided but not defined: -bogus\n");
    }

    @Test
    void globalFlagAfterTheCommandIsUnknownThere() {
        assertThat(run("ns", "-n", "x", "ls")).isEqualTo(1);
        assertThat(out()).startsWith("Incorrect Usage. flag provided but not defined: -n\n\n")
                .endsWith(Golden.read("namespaces-group.txt"));
        assertThat(err()).isEqualTo("ctr: flag provided but not defined: -n\n");
    }

    @Test
    void clusteredShortFlagsAreUnknown() {
        assertThat(run("plugins", "ls", "-qd")).isEqualTo(1);
        assertThat(err()).isEqualTo("ctr: flag provided but not defined: -qd\n");
    }

    @Test
    void missingFlagValue() {
        assertThat(run("--address")).isEqualTo(1);
        assertThat(out()).startsWith("Incorrect Usage. flag needs an argument: -address\n\n")
                .endsWith(Golden.read("app-help.txt"));
        assertThat(err()).isEqualTo("ctr: flag needs an argument: -address\n");
    }

    @Test
    void invalidDuration() {
        assertThat(run("--timeout", "1x", "ns", "ls")).isEqualTo(1);
        assertThat(err()).isEqualTo("ctr: invalid value \"1x\" for flag -timeout: parse error\n");
        assertThat(out()).as("the app's screen, every group listed").endsWith(Golden.read("app-help.txt"));
    }

    @Test
    void invalidBoolean() {
        assertThat(run("ns", "ls", "-q=maybe")).isEqualTo(1);
        assertThat(err()).isEqualTo("ctr: invalid boolean value \"maybe\" for -q: parse error\n");
    }

    @Test
    void unknownCommands() {
        assertThat(run("bogus")).isEqualTo(3);
        assertThat(err()).isEqualTo("No help topic for 'bogus'\n");
        assertThat(out()).isEmpty();
        err.reset();
        assertThat(run("ns", "bogus")).isEqualTo(3);
        assertThat(err()).isEqualTo("No help topic for 'bogus'\n");
        err.reset();
        assertThat(run("help", "bogus")).isEqualTo(3);
        assertThat(err()).isEqualTo("No help topic for 'bogus'\n");
    }

    @Test
    void missingNamespaceNameNeedsNoDaemon() {
        assertThat(run("-a", "/nonexistent/sock", "ns", "create")).isEqualTo(1);
        assertThat(err()).isEqualTo("ctr: please specify a namespace\n");
    }

    @Test
    void refusedSocketFailsToDial() {
        assertThat(run("-a", "/dev/null", "ns", "ls")).isEqualTo(1);
        assertThat(err()).startsWith("ctr: failed to dial \"/dev/null\": connection error: desc = ");
    }
}
