package io.jcontainerd.plugins.content.local;

import io.jcontainerd.core.content.ContentStore;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.util.List;

/**
 * {@code io.containerd.content.v1 content}: the local store in the plugin's root directory,
 * exported as {@code root} like upstream. Register it before the metadata plugin, which wraps it.
 */
public final class LocalContentPlugin {
    public static final String ID = "content";

    private LocalContentPlugin() {
    }

    public static Registration<ContentStore> registration() {
        return Registration.of(PluginTypes.CONTENT, ID, List.of(), ctx -> {
            ctx.meta().export("root", ctx.root().toString());
            return new LocalContentStore(ctx.root());
        });
    }
}
