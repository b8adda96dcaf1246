package io.jcontainerd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.daemon.DaemonCommandLine.Flags;
import io.jcontainerd.daemon.DaemonCommandLine.Run;
import io.jcontainerd.daemon.DaemonCommandLine.ShowHelp;
import io.jcontainerd.daemon.DaemonCommandLine.ShowVersion;
import io.jcontainerd.daemon.DaemonCommandLine.UsageError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonCommandLineTest {
    private static DaemonCommandLine.Action parse(String... args) {
        return DaemonCommandLine.parse(List.of(args));
    }

    @Test
    void no_arguments_runs_the_daemon_with_defaults() {
        assertThat(parse()).isEqualTo(new Run(new Flags(null, null, null, null, null), Optional.empty()));
    }

    @Test
    void flags_take_one_or_two_dashes_and_inline_or_separate_values() {
        assertThat(parse("-c", "/c.toml", "--log-level=debug", "-a=/s.sock", "--root", "/r", "-state", "/st"))
                .isEqualTo(new Run(new Flags("/c.toml", "debug", "/s.sock", "/r", "/st"), Optional.empty()));
    }

    @Test
    void config_commands_keep_the_global_flags() {
        assertThat(parse("--config", "/x.toml", "config", "dump"))
                .isEqualTo(new Run(new Flags("/x.toml", null, null, null, null), Optional.of("dump")));
        assertThat(parse("config", "default")).isEqualTo(new Run(new Flags(null, null, null, null, null), Optional.of("default")));
        assertThat(parse("config")).isEqualTo(new ShowHelp(DaemonCommandLine.CONFIG_HELP));
    }

    @Test
    void help_version_and_usage_errors() {
        assertThat(parse("-h")).isEqualTo(new ShowHelp(DaemonCommandLine.HELP));
        assertThat(parse("--version")).isEqualTo(new ShowVersion());
        assertThat(parse("-v", "--bogus")).isEqualTo(new ShowVersion());
        assertThat(parse("--bogus")).isEqualTo(new UsageError("flag provided but not defined: -bogus"));
        assertThat(parse("--root")).isEqualTo(new UsageError("flag needs an argument: -root"));
        assertThat(parse("serve")).isEqualTo(new UsageError("No help topic for 'serve'"));
    }
}
