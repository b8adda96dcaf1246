package io.jcontainerd.ttrpc;

import java.util.Map;

/**
 * A named set of methods served by a {@link TtrpcServer}, e.g. {@code containerd.task.v2.Task}
 * with {@code Create}, {@code Start}, ...
 */
public interface TtrpcService {
    /** {@return the full protobuf service name clients address, e.g. containerd.task.v2.Task} */
    String name();

    /** {@return the handlers by method name, e.g. "State"} */
    Map<String, TtrpcMethod> methods();

    static TtrpcService of(String name, Map<String, TtrpcMethod> methods) {
        record Simple(String name, Map<String, TtrpcMethod> methods) implements TtrpcService {
            Simple {
                methods = Map.copyOf(methods);
            }
        }
        return new Simple(name, methods);
    }
}
