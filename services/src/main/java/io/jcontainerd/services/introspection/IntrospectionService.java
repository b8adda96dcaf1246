package io.jcontainerd.services.introspection;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.core.filters.Filter;
import io.jcontainerd.core.filters.Filters;
import io.jcontainerd.core.plugin.LoadedPlugin;
import io.jcontainerd.core.plugin.PluginSet;
import io.jcontainerd.core.plugin.PluginTypes;
import io.jcontainerd.core.plugin.Registration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code io.containerd.service.v1 introspection-service}: every plugin the daemon registered with
 * its outcome, and the server's UUID, generated once and kept in the plugin root.
 */
public final class IntrospectionService {
    public static final String ID = "introspection-service";
    private final PluginSet plugins;
    private final Path uuidFile;
    /** The UUID once read or generated: every `ctr version` asks for it. */
    private volatile String uuid;

    public IntrospectionService(PluginSet plugins, Path root) {
        this.plugins = plugins;
        this.uuidFile = root.resolve("uuid");
    }

    public static Registration<IntrospectionService> registration() {
        return Registration.of(PluginTypes.SERVICE, ID, List.of(),
                ctx -> new IntrospectionService(ctx.plugins(), ctx.root()));
    }

    /** {@return the plugins matching any of {@code filters} (all when none), in init order} */
    public List<LoadedPlugin> plugins(List<String> filters) {
        Filter filter;
        try {
            filter = Filters.parseAll(filters);
        } catch (ErrdefsException e) {
            // upstream wraps the parse error once more, and clients strip only one suffix
            throw new ErrdefsException(ErrorKind.INVALID_ARGUMENT, e.getMessage() + ": " + ErrorKind.INVALID_ARGUMENT.text(), e);
        }
        return plugins.all().stream().filter(p -> filter.match(path -> field(p, path))).toList();
    }

    private static Optional<String> field(LoadedPlugin p, List<String> path) {
        if (path.isEmpty()) {
            return Optional.empty();
        }
        // upstream adapts only type and id; platforms and capabilities are not filterable
        return switch (path.getFirst()) {
            case "type" -> Optional.of(p.type().value());
            case "id" -> Optional.of(p.id());
            default -> Optional.empty();
        };
    }

    public String uuid() {
        String known = uuid;
        return known != null ? known : loadUuid();
    }

    private synchronized String loadUuid() {
        if (uuid == null) {
            uuid = readOrGenerateUuid();
        }
        return uuid;
    }

    private String readOrGenerateUuid() {
        try {
            if (Files.exists(uuidFile)) {
                String text = Files.readString(uuidFile, StandardCharsets.UTF_8).trim();
                try {
                    return UUID.fromString(text).toString();
                } catch (IllegalArgumentException e) {
                    throw new ErrdefsException(ErrorKind.DATA_LOSS, "invalid server uuid in " + uuidFile + ": " + text, e);
                }
            }
            String generated = UUID.randomUUID().toString();
            Files.createDirectories(uuidFile.getParent());
            // write then rename so a crash never leaves a torn UUID
            Path tmp = uuidFile.resolveSibling("uuid.tmp");
            Files.writeString(tmp, generated, StandardCharsets.UTF_8);
            Files.move(tmp, uuidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return generated;
        } catch (IOException e) {
            throw new ErrdefsException(ErrorKind.INTERNAL, "server uuid: " + e.getMessage(), e);
        }
    }
}
