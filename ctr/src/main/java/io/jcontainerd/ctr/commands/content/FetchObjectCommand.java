package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.RegistryFlags;
import io.jcontainerd.registry.Resolved;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Resolves a reference and writes the object it names (manifest, index or blob) to stdout; needs no daemon. */
@Command(name = "fetch-object", header = "retrieve objects from a remote",
        customSynopsis = "[flags] <remote> <object> [<hint>, ...]", description = "Fetch objects by identifier from a remote.")
final class FetchObjectCommand implements CtrCommand {
    @Mixin
    RegistryFlags registry;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String ref = args.isEmpty() ? "" : args.getFirst();
        try (RegistryFlags.Registry remote = registry.open(context)) {
            context.log().debug("resolving", Map.of("ref", ref));
            Resolved resolved = remote.resolver().resolve(ref);
            context.log().debug("fetching", Map.of("ref", ref));
            try (InputStream in = remote.resolver().fetcher(resolved.name()).fetch(resolved.descriptor())) {
                in.transferTo(context.out());
            }
            context.out().flush();
        }
        return 0;
    }
}
