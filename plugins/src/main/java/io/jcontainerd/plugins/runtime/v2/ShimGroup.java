package io.jcontainerd.plugins.runtime.v2;

/**
 * One of the shared shims {@link ShimGroups} hands a namespace's runc-v2 tasks to, named in the
 * spec's {@code io.containerd.runc.v2.group} annotation. The shim derives its socket from the
 * daemon's address, the namespace and this name; the {@code :} keeps the name apart from every
 * container id, which a shim of its own is named after.
 */
record ShimGroup(String namespace, int index) {
    private static final String PREFIX = "jcontainerd:";

    String name() {
        return PREFIX + index;
    }

    /** {@return the group a task's annotation names, null when it names none of ours} */
    static ShimGroup of(String namespace, String annotation) {
        if (annotation == null || !annotation.startsWith(PREFIX)) {
            return null;
        }
        try {
            int index = Integer.parseInt(annotation.substring(PREFIX.length()));
            return index >= 0 ? new ShimGroup(namespace, index) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
