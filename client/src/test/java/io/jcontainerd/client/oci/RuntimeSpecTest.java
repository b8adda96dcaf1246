package io.jcontainerd.client.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** containerd's environment merging, group lookup and the spec's Go-shaped JSON. */
class RuntimeSpecTest {
    @Test
    void environmentOverridesReplaceByNameAppendOrRemove() {
        assertThat(RuntimeSpec.replaceOrAppend(List.of("PATH=/bin", "A=1", "B=2"), List.of("A=9", "C=3", "B", "C=4", "Z")))
                .containsExactly("PATH=/bin", "A=9", "C=3", "C=4");
    }

    @Test
    void supplementaryGroupsListTheUserButNotItsOwnGroup() {
        String group = """
                root:x:0:
                wheel:x:10:root,alice
                # a comment:x:11:root
                alice:x:1000:alice
                audio:x:29:bob,alice
                broken:x:notanumber:alice
                """;
        assertThat(EtcGroup.supplementaryGids(group, "alice")).containsExactly(10L, 29L);
        assertThat(EtcGroup.supplementaryGids(group, "root")).containsExactly(10L);
    }

    @Test
    void theSpecIsWrittenInGoFieldOrderWithHtmlEscapes() {
        String json = new String(new RuntimeSpec("ns", "id").withEnv(List.of("A=<&>")).withTty()
                .withAdditionalGids(List.of()).withMemoryLimit(64).toJson(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"ociVersion\":\"1.0.2-dev\",\"process\":{\"terminal\":true,\"user\":{\"uid\":0,"
                + "\"gid\":0,\"additionalGids\":[0]},\"env\":[\"A=\\u003c\\u0026\\u003e\",\"TERM=xterm\"],\"cwd\":\"/\",");
        assertThat(json).contains("\"resources\":{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}],\"memory\":{\"limit\":64}},"
                + "\"cgroupsPath\":\"/ns/id\",\"namespaces\":[{\"type\":\"pid\"}");
        assertThat(json).doesNotContain("annotations").endsWith("\"/proc/sysrq-trigger\"]}}");
    }
}
