package io.jcontainerd.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.ctr.commands.images.ImagesCommand;
import io.jcontainerd.ctr.commands.namespaces.NamespacesCommand;
import io.jcontainerd.ctr.RootCommand.DialTarget;
import io.jcontainerd.ctr.RootCommand.GlobalFlag;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/**
 * Which command groups a command line builds (the one it names, else all: help screens and errors
 * list them) and where it dials the daemon ahead of parsing.
 */
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

    @Test
    void the_flag_table_names_every_global_option_as_its_annotation_does() {
        for (Field field : RootCommand.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option == null) {
                continue;
            }
            GlobalFlag flag = Arrays.stream(GlobalFlag.values()).filter(f -> f.names.contains(option.names()[0])).findFirst()
                    .orElseThrow(() -> new AssertionError("no table entry for " + option.names()[0]));
            assertThat(flag.names).as(field.getName()).containsExactly(option.names());
            assertThat(flag.takesValue).as(field.getName()).isEqualTo(field.getType() != boolean.class);
        }
        assertThat(Arrays.stream(RootCommand.class.getDeclaredFields()).filter(f -> f.isAnnotationPresent(Option.class)))
                .hasSize(GlobalFlag.values().length);
    }

    @Test
    void a_command_dials_ahead_where_its_global_flags_say() {
        assertThat(RootCommand.dialTarget("-a", "/tmp/x.sock", "--connect-timeout=2s", "-n", "k8s.io", "version"))
                .contains(new DialTarget("/tmp/x.sock", Duration.ofSeconds(2)));
        assertThat(RootCommand.dialTarget("--address=/tmp/y.sock", "--address", "/tmp/z.sock", "--debug", "images", "ls"))
                .as("the last --address wins").contains(new DialTarget("/tmp/z.sock", Duration.ZERO));
        assertThat(RootCommand.dialTarget("--connect-timeout", "-5s", "-a", "/tmp/x.sock", "c", "ls"))
                .as("negative is none, as ctr reads it").contains(new DialTarget("/tmp/x.sock", Duration.ZERO));
    }

    @Test
    void help_local_commands_and_bad_flags_dial_nothing_ahead() {
        for (List<String> args : List.of(List.<String>of(), List.of("--help", "images"), List.of("help", "images"),
                List.of("oci", "spec"), List.of("-a"), List.of("--bogus", "images", "ls"),
                List.of("--connect-timeout", "soon", "images", "ls"), List.of("-a", "/tmp/x.sock"))) {
            assertThat(RootCommand.dialTarget(args.toArray(String[]::new))).as(String.join(" ", args)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void a_group_builds_only_the_command_named_right_after_it() {
        assertThat(RootCommand.subcommandsFor(ImagesCommand.class, "-n", "k8s.io", "i", "ls", "-q"))
                .singleElement().extracting(Class::getSimpleName).isEqualTo("ListCommand");
        assertThat(RootCommand.subcommandsFor(ImagesCommand.class, "images", "pull", "--plain-http", "x"))
                .singleElement().extracting(Class::getSimpleName).isEqualTo("PullCommand");
        for (List<String> args : List.of(List.of("images"), List.of("images", "--help"), List.of("images", "bogus"),
                List.of("--help", "images", "ls"), List.<String>of(), List.of("containers", "ls"), List.of("help", "ls"))) {
            assertThat(RootCommand.subcommandsFor(ImagesCommand.class, args.toArray(String[]::new))).as(String.join(" ", args))
                    .isEqualTo(ImagesCommand.SUBCOMMANDS);
        }
    }
}
