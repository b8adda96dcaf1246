package io.jcontainerd.core.containers;

/** Containers as the metadata layer offers them: one {@link ContainerStore} per namespace. */
@FunctionalInterface
public interface NamespacedContainerStore {
    /** {@return the containers of {@code namespace}, which the caller has validated} */
    ContainerStore in(String namespace);
}
