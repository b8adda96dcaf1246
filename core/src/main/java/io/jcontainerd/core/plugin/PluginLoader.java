package io.jcontainerd.core.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one init loop: walks the ordered registrations, gives each its directories and config,
 * records ok/skip/error, and stops the daemon when a required plugin does not come up.
 */
public final class PluginLoader {
    /** Receives each outcome as it happens (for logging). */
    public interface Listener {
        void loaded(LoadedPlugin plugin);
    }

    private final Path root;
    private final Path state;
    private final Map<String, String> properties;
    private final Function<Registration<?>, Record> configFor;
    private final Listener listener;

    public PluginLoader(Path root, Path state, Map<String, String> properties,
                        Function<Registration<?>, Record> configFor, Listener listener) {
        this.root = root;
        this.state = state;
        this.properties = Map.copyOf(properties);
        this.configFor = configFor;
        this.listener = listener;
    }

    /**
     * Initialises {@code registrations} minus {@code disabled} (URIs) in dependency order.
     *
     * @throws RequiredPluginException when a plugin listed in {@code required} fails, skips or is missing
     */
    public PluginSet load(List<Registration<?>> registrations, Set<String> disabled, Set<String> required) {
        PluginSet set = new PluginSet();
        for (Registration<?> r : PluginGraph.order(registrations, reg -> disabled.contains(reg.uri()))) {
            PluginMeta meta = new PluginMeta();
            LoadedPlugin loaded;
            try {
                InitContext ctx = new InitContext(r, root.resolve(r.uri()), state.resolve(r.uri()),
                        configFor.apply(r), meta, set, properties);
                Object instance = r.init().init(ctx);
                loaded = new LoadedPlugin(r, meta, instance, null);
            } catch (Exception | LinkageError e) {
                loaded = new LoadedPlugin(r, meta, null, e);
            }
            set.add(loaded);
            listener.loaded(loaded);
            if (loaded.error() != null && required.contains(r.uri())) {
                throw new RequiredPluginException(r.uri(), loaded.error());
            }
        }
        for (String uri : required) {
            boolean present = set.all().stream().anyMatch(p -> p.registration().uri().equals(uri));
            if (!present) {
                throw new RequiredPluginException(uri, null);
            }
        }
        return set;
    }
}
