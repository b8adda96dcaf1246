package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.support.ProcessResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginsParityIT extends DaemonParityBase {
    @ParameterizedTest
    @ValueSource(strings = {"plugins ls", "plugins ls -q", "plugin list --quiet", "plugins ls type==io.containerd.grpc.v1",
        "plugins ls -q type==io.containerd.grpc.v1 id==tasks", "plugins ls -d type==io.containerd.snapshotter.v1",
        "plugins ls -d id==linux id==content", "plugins ls id==nothing", "plugins ls -d id==nothing",
        "plugins ls bad filter==", "--debug plugins ls -q id==opt", "--debug plugins ls -d id==opt id==walking",
        "--timeout 10s --connect-timeout 2s plugins ls"})
    void list(String args) {
        parity.assertSame(args.split(" "));
    }

    /** ctr prints a plugin's exports in Go's random map order, jctr sorted: compare them sorted. */
    @ParameterizedTest
    @ValueSource(strings = {"plugins ls -d", "plugins ls --detailed type==io.containerd.metadata.v1"})
    void detailedListOfAll(String args) {
        ProcessResult result = parity.assertSame(PluginsParityIT::sortExports, args.split(" "));
        assertThat(result.stdout()).contains("Exports:");
    }

    private static String sortExports(String text) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        boolean inExports = false;
        for (String line : text.split("\n", -1)) {
            if (inExports && line.matches(" +\\S.*")) {
                run.add(line);
                continue;
            }
            run.sort(null);
            out.addAll(run);
            run.clear();
            inExports = line.startsWith("Exports:");
            out.add(line);
        }
        return String.join("\n", out);
    }
}
