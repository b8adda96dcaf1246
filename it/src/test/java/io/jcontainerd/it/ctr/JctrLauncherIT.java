package io.jcontainerd.it.ctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcontainerd.it.support.Host;
import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/jctr} starts the JVM from the AOT cache the build trained for the command: pulls and
 * fetches (and a leading version flag) from the one trained on pulls alone, everything else from
 * the everyday one. The JVM names the cache it was given among its flags
 * ({@code -XX:+PrintCommandLineFlags}).
 */
class JctrLauncherIT {
    private static final Path TARGET = Host.home().resolve("ctr/target");
    private final ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(60),
            Map.of("JCD_JAVA_OPTS", "-XX:+PrintCommandLineFlags"));

    /** A leading version flag is answered without picocli's model, which most of the everyday cache serves. */
    @Test
    void a_leading_version_flag_starts_from_the_pull_cache() {
        assumeCachesBuilt();
        for (List<String> command : List.of(List.of("--version"), List.of("-v"))) {
            ProcessResult result = jctr(command);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).as(String.join(" ", command))
                    .contains("-XX:AOTCache=" + TARGET.resolve("jctr-pull.aot")).contains("jctr github.com/jcontainerd/jcontainerd");
        }
    }

    @Test
    void pulls_and_fetches_start_from_the_pull_cache() {
        assumeCachesBuilt();
        for (List<String> command : List.of(List.of("images", "pull", "--help"), List.of("content", "fetch", "--help"),
                List.of("-n", "x", "i", "pull", "--help"))) {
            ProcessResult result = jctr(command);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).as(String.join(" ", command))
                    .contains("-XX:AOTCache=" + TARGET.resolve("jctr-pull.aot")).contains("USAGE:");
        }
    }

    @Test
    void other_commands_start_from_the_everyday_cache() {
        assumeCachesBuilt();
        for (List<String> command : List.of(List.of("images", "ls", "--help"), List.of("version", "--help"))) {
            ProcessResult result = jctr(command);
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).as(String.join(" ", command))
                    .contains("-XX:AOTCache=" + TARGET.resolve("jctr.aot")).doesNotContain("jctr-pull.aot");
        }
    }

    private ProcessResult jctr(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Host.home().resolve("bin/jctr").toString()));
        command.addAll(args);
        return runner.run(command);
    }

    /**
     * The build trains them unless told to skip it ({@code -Daot.skip}); like the launcher, a
     * cache older than the jar (a jar rebuilt alone) counts as none.
     */
    private static void assumeCachesBuilt() {
        assumeTrue(isFresh(TARGET.resolve("jctr.aot")) && isFresh(TARGET.resolve("jctr-pull.aot")),
                "jctr's AOT caches not built for this jar");
    }

    private static boolean isFresh(Path cache) {
        try {
            return Files.isRegularFile(cache) && Files.getLastModifiedTime(cache)
                    .compareTo(Files.getLastModifiedTime(TARGET.resolve("jctr.jar"))) >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
