package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.content.ReaderAt;
import io.jcontainerd.core.content.Digest;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.RegistryFlags;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.registry.PushStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Pushes one blob of the content store to a repository with the media type given, printing
 * {@code Pushed <digest> <type>}; content the registry already has is an error, as in ctr.
 */
@Command(name = "push-object", header = "push an object to a remote",
        customSynopsis = "[flags] <remote> <object> <type>", description = "Push objects by identifier to a remote.")
final class PushObjectCommand implements CtrCommand {
    @Mixin
    RegistryFlags registry;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) throws IOException {
        String ref = arg(0);
        Digest digest = Digest.parse(arg(1));
        String mediaType = arg(2);
        var content = context.client().content();
        try (RegistryFlags.Registry remote = registry.open(context)) {
            context.log().debug("resolving", Map.of("ref", ref));
            var pusher = remote.resolver().pusher(ref);
            Info info = content.info(digest);
            ImageDescriptor desc = ImageDescriptor.of(mediaType, digest, info.size());
            PushStatus status;
            try (ReaderAt reader = content.readerAt(digest)) {
                status = pusher.push(desc, () -> reader.stream(0));
            }
            if (status != PushStatus.PUSHED) {
                throw new ErrdefsException(ErrorKind.ALREADY_EXISTS, "content " + digest + " on remote: already exists");
            }
        }
        context.out().println("Pushed " + digest + " " + mediaType);
        return 0;
    }

    private String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }
}
