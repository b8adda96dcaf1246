package io.jcontainerd.image;

import io.jcontainerd.core.content.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chain IDs (OCI image-spec {@code identity}): the identity of a stack of applied layers. The first
 * is the base layer's diff ID; each next is the sha256 of {@code "<parent chain ID> <diff ID>"}.
 * Unpack names committed snapshots by them, so an image sharing a base reuses its snapshots.
 */
public final class ChainIds {
    private ChainIds() {
    }

    /** {@return the chain ID after each layer of {@code diffIds}, base first} */
    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> chain = new ArrayList<>(diffIds.size());
        for (Digest diffId : diffIds) {
            chain.add(chain.isEmpty() ? diffId : Digest.fromString(chain.getLast() + " " + diffId));
        }
        return chain;
    }

    /** {@return the chain ID of the whole stack; empty for no layers (upstream's "")} */
    public static Optional<Digest> chainId(List<Digest> diffIds) {
        List<Digest> chain = of(diffIds);
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.getLast());
    }
}
