package io.jcontainerd.core.namespaces;

import java.util.List;
import java.util.Map;

/**
 * The namespaces every object lives in. Semantics follow containerd 1.6's metadata store: reading
 * labels of an unknown namespace yields none, setting a label on one creates it, and a namespace
 * can only be deleted once it holds no objects.
 */
public interface NamespaceStore {
    /** @throws io.jcontainerd.core.errdefs.ErrdefsException INVALID_ARGUMENT for a bad name or label, ALREADY_EXISTS */
    void create(String namespace, Map<String, String> labels);

    Map<String, String> labels(String namespace);

    /** Sets {@code key} to {@code value}; an empty value removes the label. */
    void setLabel(String namespace, String key, String value);

    /** Replaces all labels at once (an update without a field mask). */
    void replaceLabels(String namespace, Map<String, String> labels);

    /** {@return the namespace names in byte order} */
    List<String> list();

    /** @throws io.jcontainerd.core.errdefs.ErrdefsException NOT_FOUND, or FAILED_PRECONDITION while it holds objects */
    void delete(String namespace);
}
