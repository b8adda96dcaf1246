package io.jcontainerd.daemon.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts between config records and TOML trees ({@code Map<String,Object>} of strings, longs,
 * doubles, booleans, lists and nested maps). Component {@code maxRecvMessageSize} is key
 * {@code max_recv_message_size}. Binding starts from the record's defaults so a file only needs
 * the keys it changes; keys the record does not have are reported, not fatal.
 */
public final class RecordBinder {
    private RecordBinder() {
    }

    /** {@return the TOML key of a record component}; a trailing {@code _} is dropped, for keys that are Java keywords ({@code default_}) */
    public static String keyOf(String component) {
        String name = component.endsWith("_") ? component.substring(0, component.length() - 1) : component;
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@return the record as a TOML tree, keys sorted} */
    public static Map<String, Object> toTree(Record record) {
        Map<String, Object> tree = new TreeMap<>();
        for (RecordComponent rc : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = rc.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("read " + rc.getName() + " of " + record.getClass().getName(), e);
            }
            tree.put(keyOf(rc.getName()), toTreeValue(value));
        }
        return tree;
    }

    private static Object toTreeValue(Object value) {
        return switch (value) {
            case Record r -> toTree(r);
            case Integer i -> i.longValue();
            case Map<?, ?> m -> {
                Map<String, Object> out = new TreeMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), toTreeValue(v)));
                yield out;
            }
            case List<?> l -> l.stream().map(RecordBinder::toTreeValue).toList();
            default -> value;
        };
    }

    /**
     * Builds a {@code type} record from {@code defaults} overlaid with {@code tree}.
     *
     * @param defaults the values of keys {@code tree} lacks; null for an element of an array of tables (zero values)
     * @param path     dotted location used in messages, e.g. {@code grpc}
     * @param warnings receives "unknown key" notes
     */
    public static <R extends Record> R bind(Class<R> type, R defaults, Map<String, Object> tree, String path,
                                            List<String> warnings) throws ConfigException {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent rc : components) {
            byKey.put(keyOf(rc.getName()), rc);
        }
        for (String key : tree.keySet()) {
            if (!byKey.containsKey(key)) {
                warnings.add("unknown key " + join(path, key));
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent rc = components[i];
            types[i] = rc.getType();
            String key = keyOf(rc.getName());
            Object current;
            try {
                current = defaults == null ? blank(rc.getType()) : rc.getAccessor().invoke(defaults);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
            args[i] = tree.containsKey(key)
                    ? convert(rc.getGenericType(), current, tree.get(key), join(path, key), warnings)
                    : current;
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new ConfigException("invalid " + (path.isEmpty() ? "config" : path) + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("bind " + type.getName(), e);
        }
    }

    /** What a key missing from an array element's table means (an element has no defaults): Go's zero value. */
    private static Object blank(Class<?> type) {
        if (type == String.class) {
            return "";
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Type type, Object current, Object value, String path, List<String> warnings)
            throws ConfigException {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class && value instanceof String) {
            return value;
        }
        if ((raw == int.class || raw == Integer.class) && value instanceof Long l) {
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw new ConfigException(path + ": " + l + " is out of range");
            }
            return l.intValue();
        }
        if ((raw == long.class || raw == Long.class) && value instanceof Long) {
            return value;
        }
        if ((raw == double.class || raw == Double.class) && value instanceof Number n) {
            return n.doubleValue();
        }
        if ((raw == boolean.class || raw == Boolean.class) && value instanceof Boolean) {
            return value;
        }
        if (List.class.isAssignableFrom(raw) && value instanceof List<?> list) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(convert(element, null, list.get(i), path + "[" + i + "]", warnings));
            }
            return List.copyOf(out);
        }
        if (Map.class.isAssignableFrom(raw) && value instanceof Map<?, ?> map) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[1];
            Map<String, Object> out = new TreeMap<>();
            for (var e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()),
                        element == Object.class ? e.getValue()
                                : convert(element, null, e.getValue(), path + "." + e.getKey(), warnings));
            }
            return out;
        }
        if (Record.class.isAssignableFrom(raw) && value instanceof Map<?, ?> map) {
            return bind((Class) raw, (Record) current, (Map<String, Object>) map, path, warnings);
        }
        throw new ConfigException(path + ": expected " + describe(raw) + ", got " + describeValue(value));
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || Record.class.isAssignableFrom(type)) {
            return "a table";
        }
        return "a string";
    }

    private static String describeValue(Object value) {
        return switch (value) {
            case String s -> "string " + TomlWriter.quote(s);
            case Map<?, ?> m -> "a table";
            case List<?> l -> "an array";
            default -> String.valueOf(value);
        };
    }

    private static String join(String path, String key) {
        String k = TomlWriter.isBareKey(key) ? key : TomlWriter.quote(key);
        return path.isEmpty() ? k : path + "." + k;
    }
}
