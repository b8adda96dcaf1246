package io.jcontainerd.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One step of how an image was built.
 *
 * @param created RFC 3339 text as the document has it; "" when left out
 */
@JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record History(
        @JsonProperty("created") String created,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("author") String author,
        @JsonProperty("comment") String comment,
        @JsonProperty("empty_layer") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean emptyLayer) {

    public History {
        created = created == null ? "" : created;
        createdBy = createdBy == null ? "" : createdBy;
        author = author == null ? "" : author;
        comment = comment == null ? "" : comment;
    }
}
