package io.jcontainerd.plugins.runtime.v2;

/**
 * {@code [plugins."io.containerd.runtime.v2.task"]}. Our one key, {@code shim_group_size}: how
 * many of a namespace's {@code io.containerd.runc.v2} tasks share a shim (see {@link ShimGroups});
 * 1 gives each its own, as containerd does.
 */
public record RuntimeV2Config(int shimGroupSize) {
    public static RuntimeV2Config defaults() {
        return new RuntimeV2Config(16);
    }
}
