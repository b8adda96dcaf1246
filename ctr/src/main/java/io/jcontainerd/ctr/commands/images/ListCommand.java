package io.jcontainerd.ctr.commands.images;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.images.Image;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.text.GoStrings;
import io.jcontainerd.ctr.text.LabelPairs;
import io.jcontainerd.image.HumanBytes;
import io.jcontainerd.image.ImageDescriptor;
import io.jcontainerd.image.Images;
import io.jcontainerd.image.Platforms;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Lists images with their packed size for the host platform and the platforms they declare,
 * read from the content store here, as ctr does. A size or platform that cannot be worked out is
 * logged; the row shows what was counted before the failure, or {@code -}.
 */
@Command(name = "list", aliases = "ls", header = "list images known to containerd",
        description = "list images registered with containerd", customSynopsis = "[flags] [<filter>, ...]")
final class ListCommand implements CtrCommand {
    @Option(names = {"--quiet", "-quiet", "-q", "--q"}, description = "print only the image refs")
    boolean quiet;

    @Parameters
    List<String> filters = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        List<Image> images;
        try {
            images = context.client().images().list(filters);
        } catch (ErrdefsException e) {
            throw new ErrdefsException(e.kind(), "failed to list images: " + e.getMessage(), e);
        }
        if (quiet) {
            images.forEach(image -> context.out().println(image.name()));
            return 0;
        }
        List<ImagesText.ListRow> rows = new ArrayList<>(images.size());
        for (Image image : images) {
            ImageDescriptor target = ImageDescriptor.from(image.target());
            rows.add(new ImagesText.ListRow(image.name(), target.mediaType(), target.digest().toString(),
                    HumanBytes.format(size(context, image.name(), target)), platforms(context, image.name(), target),
                    LabelPairs.joinedOrDash(image.labels())));
        }
        context.out().print(ImagesText.list(rows));
        return 0;
    }

    private static long size(CommandContext context, String name, ImageDescriptor target) {
        AtomicLong size = new AtomicLong();
        try {
            Images.countSize(context.client().content(), target, Platforms.defaultMatcher(), size);
        } catch (ErrdefsException | IOException e) {
            context.log().error("failed calculating size for image " + name, Map.of("error", String.valueOf(e.getMessage())));
        }
        return size.get();
    }

    /** The platforms, each once, sorted and comma-joined; {@code -} for none or on error. */
    private static String platforms(CommandContext context, String name, ImageDescriptor target) {
        try {
            List<String> formatted = Images.platforms(context.client().content(), target).stream()
                    .map(Platforms::format).distinct().sorted(GoStrings::compare).toList();
            return formatted.isEmpty() ? "-" : String.join(",", formatted);
        } catch (ErrdefsException | IOException e) {
            context.log().error("failed resolving platform for image " + name, Map.of("error", String.valueOf(e.getMessage())));
            return "-";
        }
    }
}
