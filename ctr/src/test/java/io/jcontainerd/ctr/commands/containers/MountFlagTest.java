package io.jcontainerd.ctr.commands.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcontainerd.client.oci.RuntimeSpec;
import io.jcontainerd.ctr.commands.CommandException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ctr's --mount and --with-ns syntax and errors. */
class MountFlagTest {
    @Test
    void fieldsNameTheMountInAnyOrderWithAliases() {
        assertThat(MountFlag.parse("options=rbind:ro,dst=/host,src=/tmp,type=bind"))
                .isEqualTo(new RuntimeSpec.Mount("/host", "bind", "/tmp", List.of("rbind", "ro")));
        assertThat(MountFlag.parse("type=tmpfs,destination=/t,source=tmpfs"))
                .isEqualTo(new RuntimeSpec.Mount("/t", "tmpfs", "tmpfs", List.of()));
        assertThat(MountFlag.parse("type=bind,\"src=/a,b\",dst=/c"))
                .isEqualTo(new RuntimeSpec.Mount("/c", "bind", "/a,b", List.of()));
    }

    @Test
    void badFieldsAreRefusedWithCtrsText() {
        assertThatThrownBy(() -> MountFlag.parse("type=bind,bogus")).isInstanceOf(CommandException.class)
                .hasMessage("invalid mount specification: expected key=val");
        assertThatThrownBy(() -> MountFlag.parse("kind=bind")).hasMessage("mount option \"kind\" not supported");
    }

    @Test
    void joinedNamespacesNeedAKnownTypeAndAPath() {
        assertThat(JoinedNamespace.parse("network:/proc/1/ns/net"))
                .isEqualTo(new RuntimeSpec.Namespace("network", "/proc/1/ns/net"));
        assertThatThrownBy(() -> JoinedNamespace.parse("network"))
                .hasMessage("joining a Linux namespace using --with-ns requires the format 'nstype:path'");
        assertThatThrownBy(() -> JoinedNamespace.parse("galaxy:/x"))
                .hasMessage("the Linux namespace type specified in --with-ns is not valid: galaxy");
    }
}
