package io.jcontainerd.services.diff;

import io.jcontainerd.core.content.Descriptor;
import io.jcontainerd.core.diff.Applier;
import io.jcontainerd.core.diff.Comparer;
import io.jcontainerd.core.diff.StagedApplier;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.mount.Mount;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code io.containerd.service.v1 diff-service}: the configured differs in order, as upstream's
 * local diff service: each call goes to the first that does not answer NOT_IMPLEMENTED.
 */
public final class DiffService {
    public static final String ID = "diff-service";
    private final List<Object> differs;

    public DiffService(List<Object> differs) {
        this.differs = List.copyOf(differs);
    }

    public static Registration<DiffService> registration() {
        return new Registration<>(PluginTypes.SERVICE, ID, List.of(PluginTypes.DIFFER), DiffServiceConfig::defaults,
                ctx -> {
                    List<Object> differs = new ArrayList<>();
                    for (String id : ctx.config(DiffServiceConfig.class).default_()) {
                        differs.add(ctx.plugins().byId(PluginTypes.DIFFER, id, Object.class).orElseThrow(
                                () -> new ErrdefsException(ErrorKind.NOT_FOUND, "differ not loaded: " + id)));
                    }
                    return new DiffService(differs);
                });
    }

    public Descriptor apply(String namespace, Descriptor layer, List<Mount> mounts) throws IOException {
        return withApplier(applier -> applier.apply(namespace, layer, mounts));
    }

    /** Applies a layer read from {@code blob} (a download in progress), as {@link Applier#apply(Descriptor, List, InputStream)}. */
    public Descriptor apply(Descriptor layer, List<Mount> mounts, InputStream blob) throws IOException {
        try (blob) {
            return withApplier(applier -> applier.apply(layer, mounts, blob));
        }
    }

    /** {@return the first differ that applies layers ahead of their parents, if one does} */
    public Optional<StagedApplier> stagedApplier() {
        return differs.stream().filter(StagedApplier.class::isInstance).map(StagedApplier.class::cast).findFirst();
    }

    private interface ApplyCall {
        Descriptor on(Applier applier) throws IOException;
    }

    private Descriptor withApplier(ApplyCall call) throws IOException {
        for (Object differ : differs) {
            if (differ instanceof Applier applier) {
                try {
                    return call.on(applier);
                } catch (ErrdefsException e) {
                    if (e.kind() != ErrorKind.NOT_IMPLEMENTED) {
                        throw e;
                    }
                    if (differ == differs.getLast()) {
                        throw e;
                    }
                }
            }
        }
        throw new ErrdefsException(ErrorKind.NOT_IMPLEMENTED, "not implemented");
    }

    public Descriptor diff(String namespace, Optional<String> lease, List<Mount> lower, List<Mount> upper,
                           String mediaType, String ref, Map<String, String> labels) throws IOException {
        for (Object differ : differs) {
            if (differ instanceof Comparer comparer) {
                try {
                    return comparer.compare(namespace, lease, lower, upper, mediaType, ref, labels);
                } catch (ErrdefsException e) {
                    if (e.kind() != ErrorKind.NOT_IMPLEMENTED || differ == differs.getLast()) {
                        throw e;
                    }
                }
            }
        }
        throw new ErrdefsException(ErrorKind.NOT_IMPLEMENTED, "not implemented");
    }
}
