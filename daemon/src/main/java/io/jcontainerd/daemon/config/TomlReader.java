package io.jcontainerd.daemon.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a TOML file into a plain tree; syntax errors name the file and line. */
public final class TomlReader {
    private TomlReader() {
    }

    public static Map<String, Object> read(Path file) throws ConfigException, NoSuchFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ConfigException("failed to load TOML: " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    public static Map<String, Object> parse(String name, String text) throws ConfigException {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            String where = loc == null ? name : name + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new ConfigException("failed to load TOML from " + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            return new TreeMap<>();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) toPlain(root);
        return tree;
    }

    private static Object toPlain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            for (var e : node.properties()) {
                map.put(e.getKey(), toPlain(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toPlain(n)));
            return List.copyOf(list);
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }
}
