package io.jcontainerd.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.ctr.commands.images.ImagesCommand;
import io.jcontainerd.ctr.commands.namespaces.NamespacesCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which command groups a command line builds: the one it names, else all (help screens and errors list them). */
class RootCommandTest {
    @Test
    void a_command_builds_only_its_group_whatever_global_flags_come_first() {
        assertThat(RootCommand.groupsFor("images", "pull", "docker.io/library/alpine:3")).containsExactly(ImagesCommand.class);
        assertThat(RootCommand.groupsFor("-a", "/run/c.sock", "--namespace=k8s.io", "--debug", "i", "ls"))
                .containsExactly(ImagesCommand.class);
        assertThat(RootCommand.groupsFor("--timeout", "5s", "-n", "images", "namespaces", "ls"))
                .as("a flag's value is not the group").containsExactly(NamespacesCommand.class);
    }

    @Test
    void help_screens_unknown_commands_and_unknown_flags_build_every_group() {
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("help", "images"),
                List.of("h"), List.of("-h", "ns", "ls"), List.of("imgs", "ls"), List.of("--bogus", "images"), List.of("-n"))) {
            assertThat(RootCommand.groupsFor(args.toArray(String[]::new))).as(String.join(" ", args))
                    .isEqualTo(RootCommand.GROUPS);
        }
    }
}
