package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.ctr.commands.SnapshotterFlag;
import io.jcontainerd.client.images.Unpacker;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.image.CheckResult;
import io.jcontainerd.image.HumanBytes;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.MatchComparer;
import io.jcontainerd.image.Platforms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Checks that each image's content for the host platform is in the content store, and whether
 * its layers are unpacked in the snapshotter. A failure for one image is logged and fails the
 * command after all are shown, with the first failure's message.
 */
@Command(name = "check", header = "check existing images to ensure all content is available locally",
        description = "check existing images to ensure all content is available locally",
        customSynopsis = "[flags] [<filter>, ...]")
final class CheckCommand implements CtrCommand {
    @Option(names = {"--quiet", "-quiet", "-q", "--q"},
            description = "print only the ready image refs (fully downloaded and unpacked)")
    boolean quiet;

    @Mixin
    SnapshotterFlag snapshotter;

    @Parameters
    List<String> filters = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        List<Image> images;
        try {
            images = context.client().images().list(filters);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "failed listing images: " + e.getMessage(), e);
        }
        if (images.isEmpty()) {
            context.log().debug("no images found", Map.of());
            return 0;
        }
        MatchComparer platform = Platforms.defaultMatcher();
        Unpacker unpacker = new Unpacker(context.client());
        String firstError = null;
        List<ImagesText.CheckRow> rows = new ArrayList<>();
        for (Image image : images) {
            ImageDescriptor target = ImageDescriptor.from(image.target());
            String status;
            String size;
            boolean complete;
            try {
                CheckResult r = Images.check(context.client().content(), target, platform);
                complete = r.complete();
                status = r.missing().isEmpty() ? "complete" : "incomplete";
                if (r.available()) {
                    status += " (" + r.present().size() + "/" + r.required().size() + ")";
                    size = HumanBytes.format(r.presentSize()) + "/" + HumanBytes.format(r.requiredSize());
                } else {
                    status = "unavailable (" + r.present().size() + "/?)";
                    size = HumanBytes.format(r.presentSize()) + "/?";
                }
            } catch (ErrdefsException | IOException e) {
                firstError = firstError != null ? firstError : "unable to check " + image.name() + ": " + e.getMessage();
                context.log().error("unable to check " + image.name(), Map.of("error", String.valueOf(e.getMessage())));
                status = "error";
                size = "-";
                complete = false;
            }
            boolean unpacked = false;
            try {
                unpacked = unpacker.isUnpacked(image, platform, snapshotter.name);
            } catch (ErrdefsException | IOException e) {
                firstError = firstError != null ? firstError
                        : "unable to check unpack for " + image.name() + ": " + e.getMessage();
                context.log().error("unable to check unpack for " + image.name(), Map.of("error", String.valueOf(e.getMessage())));
            }
            if (!quiet) {
                rows.add(new ImagesText.CheckRow(image.name(), target.mediaType(), target.digest().toString(), status, size,
                        unpacked));
            } else if (complete) {
                context.out().println(image.name());
            }
        }
        if (!quiet) {
            context.out().print(ImagesText.check(rows));
        }
        if (firstError != null) {
            throw new CommandException(firstError);
        }
        return 0;
    }
}
