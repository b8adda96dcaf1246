package io.jcontainerd.plugins.diff.walking;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.core.mount.Mount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The directories of an overlay mount's options, as upstream's {@code getOverlayPath} reads them.
 *
 * @param upper  the upper directory (null for a read-only overlay)
 * @param lowers lower directories, topmost first
 */
record OverlayDirs(Path upper, List<String> lowers) {
    static OverlayDirs of(Mount overlay) {
        Path upper = null;
        List<String> lowers = List.of();
        for (String option : overlay.options()) {
            if (option.startsWith("upperdir=")) {
                upper = Path.of(option.substring("upperdir=".length()));
            } else if (option.startsWith("lowerdir=")) {
                lowers = Arrays.asList(option.substring("lowerdir=".length()).split(":"));
            }
        }
        if (upper == null && lowers.isEmpty()) {
            throw Errdefs.invalidArgument("overlay mount without upperdir or lowerdir");
        }
        return new OverlayDirs(upper, lowers);
    }

    /** The same filesystem, read-only: the upper directory becomes the topmost lower. */
    Mount readOnlyMount(Mount overlay) {
        List<String> all = new ArrayList<>();
        if (upper != null) {
            all.add(upper.toString());
        }
        all.addAll(lowers);
        List<String> options = new ArrayList<>();
        for (String option : overlay.options()) {
            if (!option.startsWith("upperdir=") && !option.startsWith("workdir=") && !option.startsWith("lowerdir=")) {
                options.add(option);
            }
        }
        options.add("lowerdir=" + String.join(":", all));
        return new Mount(overlay.type(), overlay.source(), overlay.target(), options);
    }
}
