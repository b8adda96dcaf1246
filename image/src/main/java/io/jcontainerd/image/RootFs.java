package io.jcontainerd.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.jcontainerd.core.content.Digest;
import java.util.List;

/**
 * The {@code rootfs} of an image config: the digests of the layers once uncompressed (diff IDs),
 * base first. Unpack checks each applied layer against these and keys snapshots by their chain IDs.
 *
 * @param type    "layers" in every image; "" when left out
 * @param diffIds never null
 */
@JsonPropertyOrder({"type", "diff_ids"})
public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
    public static final RootFs EMPTY = new RootFs("", List.of());

    public RootFs {
        type = type == null ? "" : type;
        diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    }
}
