package io.jcontainerd.core.namespaces;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.identifiers.Identifiers;

/** The namespace an operation runs in, checked the way containerd's {@code namespaces.NamespaceRequired} does. */
public final class Namespaces {
    private Namespaces() {
    }

    /**
     * {@return {@code namespace}, once it is known to be set and a valid identifier}
     *
     * @param namespace the operation's namespace; null or empty when the caller named none
     * @throws ErrdefsException FAILED_PRECONDITION ({@code namespace is required}) without one,
     *     INVALID_ARGUMENT ({@code namespace validation: ...}) for a malformed one
     */
    public static String required(String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            throw new ErrdefsException(ErrorKind.FAILED_PRECONDITION, "namespace is required: failed precondition");
        }
        try {
            Identifiers.validate(namespace);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "namespace validation: " + e.getMessage(), e);
        }
        return namespace;
    }
}
