package io.jcontainerd.daemon.config;

import io.jcontainerd.core.plugin.Registration;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads {@code config.toml} the way containerd 1.6 does: the file (and its {@code imports}, in
 * order, each overriding what came before) merged over the built-in defaults. Unknown keys and
 * plugins are warnings; a syntax error or a mistyped value is fatal.
 */
public final class ConfigLoader {
    private final List<Registration<?>> registrations;

    public ConfigLoader(List<Registration<?>> registrations) {
        this.registrations = List.copyOf(registrations);
    }

    /** {@return the defaults as a tree: every section and every plugin's options} */
    public Map<String, Object> defaultTree() {
        Map<String, Object> tree = RecordBinder.toTree(DaemonConfig.defaults());
        Map<String, Object> plugins = new TreeMap<>();
        for (Registration<?> r : registrations) {
            if (r.hasConfig()) {
                plugins.put(r.uri(), RecordBinder.toTree(r.configDefaults().get()));
            }
        }
        tree.put("plugins", plugins);
        return tree;
    }

    /**
     * @param file     the config file; a missing file at the default path means "defaults only"
     * @param required whether a missing file is an error (it was named with {@code --config})
     */
    public LoadedConfig load(Path file, boolean required) throws ConfigException {
        Map<String, Object> fileTree;
        try {
            fileTree = TomlReader.read(file);
        } catch (NoSuchFileException e) {
            if (required) {
                throw new ConfigException("failed to load TOML: " + file + ": no such file or directory");
            }
            fileTree = new TreeMap<>();
        }
        Map<String, Object> merged = new TreeMap<>();
        merge(merged, fileTree);
        for (Path imported : imports(file, fileTree)) {
            try {
                merge(merged, TomlReader.read(imported));
            } catch (NoSuchFileException e) {
                throw new ConfigException("failed to load TOML: " + imported + ": no such file or directory");
            }
        }
        return fromTree(merged);
    }

    /** Binds a tree (already parsed and merged) over the defaults. */
    public LoadedConfig fromTree(Map<String, Object> fileTree) throws ConfigException {
        Map<String, Object> effective = defaultTree();
        merge(effective, fileTree);
        if (!fileTree.isEmpty() && !fileTree.containsKey("version")) {
            effective.put("version", 1L); // upstream reads a file without "version" as version 1
        }
        List<String> warnings = new ArrayList<>();
        DaemonConfig config = RecordBinder.bind(DaemonConfig.class, DaemonConfig.defaults(), effective, "", warnings);
        if (config.version() > 2) {
            throw new ConfigException("unsupported config version " + config.version() + ": expected 1 or 2");
        }
        for (String uri : config.plugins().keySet()) {
            if (registrations.stream().noneMatch(r -> matches(r, uri, config.version()))) {
                warnings.add("unknown plugin " + TomlWriter.quote(uri) + ": its settings are ignored");
            }
        }
        // bind every plugin section now so that mistakes surface at startup, not at first use
        for (Registration<?> r : registrations) {
            pluginConfig(r, config, warnings);
        }
        return new LoadedConfig(config, effective, warnings);
    }

    /** {@return {@code r}'s config record: its defaults overlaid with its section, if any} */
    public Record pluginConfig(Registration<?> r, DaemonConfig config, List<String> warnings) throws ConfigException {
        if (!r.hasConfig()) {
            return null;
        }
        Record defaults = r.configDefaults().get();
        for (var e : config.plugins().entrySet()) {
            if (matches(r, e.getKey(), config.version()) && e.getValue() instanceof Map<?, ?> section) {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) section;
                return bindUnchecked(defaults, s, "plugins." + TomlWriter.quote(e.getKey()), warnings);
            }
        }
        return defaults;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Record bindUnchecked(Record defaults, Map<String, Object> section, String path,
                                        List<String> warnings) throws ConfigException {
        return RecordBinder.bind((Class) defaults.getClass(), defaults, section, path, warnings);
    }

    /** Version 2 keys sections by URI; version 1 (upstream's legacy form) by plugin ID. */
    private static boolean matches(Registration<?> r, String key, int version) {
        return version >= 2 ? r.uri().equals(key) : r.id().equals(key);
    }

    private static List<Path> imports(Path file, Map<String, Object> tree) throws ConfigException {
        Object raw = tree.get("imports");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> patterns)) {
            throw new ConfigException("imports: expected an array of paths");
        }
        List<Path> out = new ArrayList<>();
        Path base = file.toAbsolutePath().getParent();
        for (Object p : patterns) {
            Path pattern = base.resolve(String.valueOf(p));
            String name = pattern.getFileName().toString();
            if (name.contains("*") || name.contains("?") || name.contains("[")) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(pattern.getParent(), name)) {
                    List<Path> matched = new ArrayList<>();
                    ds.forEach(matched::add);
                    matched.sort(null);
                    out.addAll(matched);
                } catch (IOException e) {
                    throw new ConfigException("imports: " + pattern + ": " + e.getMessage(), e);
                }
            } else if (!pattern.equals(file.toAbsolutePath())) {
                out.add(pattern);
            }
        }
        return out;
    }

    /** Deep-merges {@code over} into {@code into}: tables merge key by key, other values replace. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> over) {
        for (var e : over.entrySet()) {
            Object existing = into.get(e.getKey());
            if (existing instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
                Map<String, Object> copy = new TreeMap<>((Map<String, Object>) a);
                merge(copy, (Map<String, Object>) b);
                into.put(e.getKey(), copy);
            } else if (e.getValue() instanceof Map<?, ?> b) {
                Map<String, Object> copy = new TreeMap<>();
                merge(copy, (Map<String, Object>) b);
                into.put(e.getKey(), copy);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }
}
