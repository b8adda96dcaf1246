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

    /** {@return the group a task's annotation names, null when it names none of ours: exactly as {@link #name} writes it} */
    static ShimGroup of(String namespace, String annotation) {
        if (annotation == null || !annotation.startsWith(PREFIX)) {
            return null;
        }
        try {
            ShimGroup group = new ShimGroup(namespace, Integer.parseInt(annotation.substring(PREFIX.length())));
            return group.index() >= 0 && group.name().equals(annotation) ? group : null; // "jcontainerd:01" is another shim's socket
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
