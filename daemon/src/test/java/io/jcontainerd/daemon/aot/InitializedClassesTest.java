package io.jcontainerd.daemon.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InitializedClassesTest {
    @Test
    void listsEachInitialisedClassOnceInOrderWithoutHiddenProxyOrTrainingClasses() {
        List<String> log = List.of(
                "[0.039s][info][class,init] 0 Initializing 'java/lang/System' (0x000000006c475388) by thread \"Unknown thread\"",
                "[0.120s][info][class,init] 284 Initializing 'io/jcontainerd/registry/RegistryRequest'(no method) (0x1) by thread \"main\"",
                "[0.121s][info][class,init] Start class verification for: io.jcontainerd.registry.RegistryRequest",
                "[0.173s][info][class,init] 1055 Initializing 'java/lang/invoke/LambdaForm$MH+0x000000006f001800' (0x6f) by thread \"x\"",
                "[0.174s][info][class,init] 1056 Initializing 'jdk/proxy2/$Proxy5' (0x2) by thread \"x\"",
                "[0.175s][info][class,init] 1057 Initializing 'io/jcontainerd/daemon/aot/PullTraining' (0x3) by thread \"main\"",
                "[0.176s][info][class,init] 1058 Initializing 'sun/net/httpserver/ServerImpl' (0x4) by thread \"main\"",
                "[0.177s][info][class,init] 1059 Initializing 'containerd/types/transfer/Progress$1' (0x5) by thread \"ForkJoinPool-1-worker-1\"",
                "[0.178s][info][class,init] 1060 Initializing 'io/jcontainerd/registry/RegistryRequest' (0x1) by thread \"main\"");

        assertThat(InitializedClasses.from(log)).containsExactly(
                "java.lang.System", "io.jcontainerd.registry.RegistryRequest", "containerd.types.transfer.Progress$1");
    }
}
