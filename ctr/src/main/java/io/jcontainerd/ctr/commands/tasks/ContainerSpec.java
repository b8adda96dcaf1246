package io.jcontainerd.ctr.commands.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcontainerd.core.containers.Container;
import java.io.IOException;

/** The OCI spec a container carries, read as JSON: what ctr's task commands look at in it. */
final class ContainerSpec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerSpec() {
    }

    /** {@return the spec's {@code process} object, a copy the caller may change} */
    static ObjectNode process(Container container) throws IOException {
        JsonNode process = container.spec() == null ? null : JSON.readTree(container.spec().value()).get("process");
        return process instanceof ObjectNode object ? object : JSON.createObjectNode();
    }

    /** {@return whether the container's process has a terminal ({@code process.terminal})} */
    static boolean terminal(Container container) throws IOException {
        return process(container).path("terminal").asBoolean(false);
    }

    static byte[] bytes(JsonNode node) throws IOException {
        return JSON.writeValueAsBytes(node);
    }
}
