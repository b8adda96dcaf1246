package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.client.oci.RuntimeSpec;
import io.jcontainerd.ctr.commands.CommandException;
import java.util.Set;

/** ctr's {@code --with-ns nstype:path}: an existing namespace the container joins. */
final class JoinedNamespace {
    private static final Set<String> TYPES = Set.of("pid", "network", "uts", "mount", "user", "ipc", "cgroup");

    private JoinedNamespace() {
    }

    static RuntimeSpec.Namespace parse(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length != 2) {
            throw new CommandException("joining a Linux namespace using --with-ns requires the format 'nstype:path'");
        }
        if (!TYPES.contains(parts[0])) {
            throw new CommandException("the Linux namespace type specified in --with-ns is not valid: " + parts[0]);
        }
        return new RuntimeSpec.Namespace(parts[0], parts[1]);
    }
}
