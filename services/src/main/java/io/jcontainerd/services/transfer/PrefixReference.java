package io.jcontainerd.services.transfer;

import java.util.Objects;

/**
 * An image store reference that is a name prefix ({@code ImageReference} with {@code is_prefix}):
 * an import's base name.
 *
 * @param name            the prefix, without tag or digest
 * @param allowOverwrite  a full name in the archive replaces the prefix (a generated base name);
 *                        otherwise only names under the prefix count
 * @param addDigest       also name each manifest {@code <prefix>@<digest>}
 * @param skipNamedDigest no digest name for a manifest that got a name
 */
public record PrefixReference(String name, boolean allowOverwrite, boolean addDigest, boolean skipNamedDigest) {
    public PrefixReference {
        Objects.requireNonNull(name, "name");
    }
}
