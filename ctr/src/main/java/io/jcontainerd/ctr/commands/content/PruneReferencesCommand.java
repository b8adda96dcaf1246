package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.core.content.Info;
import io.jcontainerd.core.gc.GcLabels;
import io.jcontainerd.core.leases.LeaseIds;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.text.LogfmtLogger;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Removes the labels by which blobs reference layers ({@code containerd.io/gc.ref.content.l.*}
 * and the legacy numbered {@code containerd.io/gc.ref.content.<n>}, n &gt; 0), so that garbage
 * collection may take layers no longer needed once unpacked; then collects, synchronously unless
 * {@code --async}, by deleting a throwaway lease as ctr does.
 */
@Command(name = "references", header = "prunes preference labels from the content store (layers only by default)")
final class PruneReferencesCommand implements CtrCommand {
    private static final String LAYER_PREFIX = GcLabels.CONTENT_REF + ".l.";
    private static final String CONTENT_PREFIX = GcLabels.CONTENT_REF + ".";

    @Option(names = {"--async", "-async"}, description = "allow garbage collection to cleanup asynchronously")
    boolean async;

    @Option(names = {"--dry", "-dry"}, description = "just show updates without applying (enables debug logging)")
    boolean dry;

    @Override
    public int run(CommandContext context) {
        LogfmtLogger log = dry ? new LogfmtLogger(context.err(), LogfmtLogger.Level.DEBUG) : context.log();
        if (dry) {
            log.debug("dry run, no changes will be applied", Map.of());
        }
        var content = context.client().content();
        for (Info info : content.list(List.of())) {
            List<String> paths = new ArrayList<>();
            for (String key : info.labels().keySet()) {
                if (isLayerLabel(key)) {
                    log.debug("Removing label", Map.of("digest", info.digest().toString(), "label", key));
                    paths.add("labels." + key);
                }
            }
            if (!dry && !paths.isEmpty()) {
                content.update(info.digest(), new HashMap<>(), paths);
            }
        }
        var leases = context.client().leases();
        String expires = OffsetDateTime.now(ZoneOffset.systemDefault()).plus(Duration.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String lease = leases.create(LeaseIds.random(), Map.of(GcLabels.EXPIRE, expires)).id();
        leases.delete(lease, !async);
        return 0;
    }

    static boolean isLayerLabel(String key) {
        if (key.startsWith(LAYER_PREFIX)) {
            return true;
        }
        if (!key.startsWith(CONTENT_PREFIX)) {
            return false;
        }
        // legacy labels numbered the children, 0 always being the config
        String index = key.substring(CONTENT_PREFIX.length());
        return index.chars().allMatch(Character::isDigit) && !index.equals("0");
    }
}
