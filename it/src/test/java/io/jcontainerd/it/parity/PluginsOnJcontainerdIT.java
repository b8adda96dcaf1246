package io.jcontainerd.it.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcontainerd.it.parity.CtrParity.Pairing;
import io.jcontainerd.it.support.ProcessResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our daemon's plugins through Debian's ctr. Plugins both daemons have must read exactly alike
 * (type, ID, requirements, status, filters and their errors); the whole list is ours.
 */
class PluginsOnJcontainerdIT extends DaemonParityBase {
    @Override
    Pairing pairing() {
        return Pairing.CTR_ON_JCONTAINERD;
    }

    @ParameterizedTest
    @ValueSource(strings = {"plugins ls id==nothing", "plugins ls -d id==nothing", "plugins ls bad filter==",
        "plugins ls -q id==namespaces", "plugins ls type==io.containerd.grpc.v1,id==version",
        "plugins ls -d id==version", "plugins ls -d id==introspection", "plugins ls -d id==introspection-service",
        "plugins ls -q type==io.containerd.grpc.v1,id==healthcheck", "plugins ls -q id~=^namespaces",
        "plugins ls -q id==version id==healthcheck", "plugins ls -q id~=^leases", "plugins ls -d id==leases",
        "plugins ls -d id==exchange", "plugins ls -d id==content-service",
        "plugins ls -d type==io.containerd.grpc.v1,id==content", "plugins ls -d id==events", "plugins ls -d id==namespaces-service",
        "plugins ls type==io.containerd.gc.v1", "plugins ls -d id==task", "plugins ls -d id==tasks-service",
        "plugins ls -d type==io.containerd.grpc.v1,id==tasks"})
    void shared_plugins_read_alike(String args) {
        parity.assertSame(args.split(" "));
    }

    @Test
    void the_whole_list_shows_every_plugin_with_its_status() {
        ProcessResult ls = parity.tested("plugins", "ls");
        assertThat(ls.exitCode()).isZero();
        assertThat(ls.stdout().lines().map(String::stripTrailing)).containsExactlyElementsOf("""
                TYPE                            ID                       PLATFORMS      STATUS
                io.containerd.content.v1        content                  -              ok
                io.containerd.snapshotter.v1    native                   linux/amd64    ok
                io.containerd.snapshotter.v1    overlayfs                linux/amd64    ok
                io.containerd.metadata.v1       bolt                     -              ok
                io.containerd.differ.v1         walking                  linux/amd64    ok
                io.containerd.event.v1          exchange                 -              ok
                io.containerd.gc.v1             scheduler                -              ok
                io.containerd.runtime.v2        task                     linux/amd64    ok
                io.containerd.service.v1        introspection-service    -              ok
                io.containerd.service.v1        containers-service       -              ok
                io.containerd.service.v1        content-service          -              ok
                io.containerd.service.v1        diff-service             -              ok
                io.containerd.service.v1        images-service           -              ok
                io.containerd.service.v1        leases-service           -              ok
                io.containerd.service.v1        namespaces-service       -              ok
                io.containerd.service.v1        snapshots-service        -              ok
                io.containerd.service.v1        tasks-service            -              ok
                io.containerd.grpc.v1           introspection            -              ok
                io.containerd.grpc.v1           containers               -              ok
                io.containerd.grpc.v1           content                  -              ok
                io.containerd.grpc.v1           diff                     -              ok
                io.containerd.grpc.v1           events                   -              ok
                io.containerd.grpc.v1           healthcheck              -              ok
                io.containerd.grpc.v1           images                   -              ok
                io.containerd.grpc.v1           leases                   -              ok
                io.containerd.grpc.v1           namespaces               -              ok
                io.containerd.grpc.v1           snapshots                -              ok
                io.containerd.streaming.v1      manager                  -              ok
                io.containerd.grpc.v1           streaming                -              ok
                io.containerd.grpc.v1           tasks                    -              ok
                io.containerd.transfer.v1       local                    -              ok
                io.containerd.grpc.v1           transfer                 -              ok
                io.containerd.grpc.v1           version                  -              ok
                """.lines().toList());
        ProcessResult detailed = parity.tested("plugins", "ls", "-d", "id==namespaces");
        assertThat(detailed.stdout()).contains("Type:         io.containerd.grpc.v1\nID:           namespaces\n"
                + "Requires:    \n              io.containerd.service.v1\n");
    }
}
