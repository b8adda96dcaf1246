package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import io.jcontainerd.it.support.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task scenarios on both daemons: a busybox image imported into {@link #namespace()} on each, and
 * after every test whatever it left ({@link #ids()}) killed and deleted by ctr, so no shim
 * outlives the class.
 */
abstract class TaskParityBase extends DaemonParityBase {
    static final String IMAGE = "example.com/parity/busybox:v1";

    @TempDir
    static Path dir;

    private final String namespace;
    private final List<String> ids;

    /** @param ids every container ID the tests may create */
    TaskParityBase(String namespace, List<String> ids) {
        this.namespace = namespace;
        this.ids = ids;
    }

    String namespace() {
        return namespace;
    }

    @BeforeAll
    void importImage() throws IOException {
        Path layout = dir.resolve("layout");
        TestImages.busyboxLayout(layout, "v1");
        Path archive = dir.resolve("busybox.tar");
        TestImages.skopeoCopy(layout, "v1", "oci-archive:" + archive + ":" + IMAGE);
        parity.ctrOnBoth("-n", namespace(), "images", "import", archive.toString());
    }

    @AfterEach
    void removeTasksAndContainers() {
        for (String id : ids) {
            parity.ctr("-n", namespace(), "tasks", "rm", "-f", id);
            parity.ctrOnTested("-n", namespace(), "tasks", "rm", "-f", id);
            parity.ctr("-n", namespace(), "containers", "rm", id);
            parity.ctrOnTested("-n", namespace(), "containers", "rm", id);
        }
    }

    /** PIDs (the first number on a line, or the one after the task ID) and column padding differ between runs. */
    static String withoutPids(String text) {
        return text.replaceAll("(?m)^(\\S+[ \\t]+)\\d+([ \\t])", "$1<pid>$2")
                .replaceAll("(?m)^\\d+([ \\t])", "<pid>$1")
                .replaceAll("[ \\t]+", " ");
    }

    /** {@return the metric names of a {@code tasks metrics} table}: the figures differ from run to run */
    static List<String> metricNames(ProcessResult metrics) {
        assertThat(metrics.exitCode()).as(metrics.toString()).isZero();
        return metrics.stdout().lines().dropWhile(l -> !l.startsWith("METRIC")).skip(1)
                .map(l -> l.split("\\s+")[0]).filter(s -> !s.isEmpty()).toList();
    }
}
