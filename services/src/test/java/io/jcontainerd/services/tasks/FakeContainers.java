package io.jcontainerd.services.tasks;

import io.jcontainerd.core.containers.Container;
import io.jcontainerd.core.containers.ContainerStore;
import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.types.TypedValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The containers of the fake tasks' namespace, kept in a map. */
final class FakeContainers implements ContainerStore {
    static final TypedValue SPEC = new TypedValue("types.containerd.io/opencontainers/runtime-spec/1/Spec", new byte[] {1});

    private final Map<String, Container> containers = new LinkedHashMap<>();

    /** Adds container {@code id} under the runc runtime with {@code runtimeOptions}. */
    void add(String id, TypedValue runtimeOptions) {
        containers.put(id, new Container(id, Map.of(), "img", new Container.Runtime("io.containerd.runc.v2", runtimeOptions),
                SPEC, "overlayfs", id, Map.of(), null, null));
    }

    @Override
    public Container get(String id) {
        Container c = containers.get(id);
        if (c == null) {
            throw Errdefs.notFound("container " + Errdefs.quote(id) + " in namespace " + Errdefs.quote(FakeTask.NAMESPACE));
        }
        return c;
    }

    @Override
    public List<Container> list(List<String> filters) {
        return List.copyOf(containers.values());
    }

    @Override
    public Container create(Container container) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Container update(Container container, List<String> fieldpaths) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String id) {
        throw new UnsupportedOperationException();
    }
}
