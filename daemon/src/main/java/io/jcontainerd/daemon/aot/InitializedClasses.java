package io.jcontainerd.daemon.aot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon's warm-up list ({@code ClassWarmUp}): every class the training run initialised, in
 * the order it did, read from the run's {@code -Xlog:class+init} output. Left out are classes no
 * name can load (hidden classes, dynamic proxies) and those of the training itself: its client
 * code and its registry.
 */
final class InitializedClasses {
    /** The property naming the list to write; the JVM's class+init log is that path plus {@code .log}. */
    static final String LIST_PROPERTY = "jcontainerd.aot.warmList";

    private static final Pattern INITIALIZING = Pattern.compile("Initializing '([^']+)'");
    private static final List<String> TRAINING_PACKAGES = List.of(
            "io/jcontainerd/daemon/aot/", "sun/net/httpserver/", "com/sun/net/httpserver/");

    private InitializedClasses() {
    }

    /** {@return the binary names of the classes {@code logLines} show initialised, first time first} */
    static List<String> from(List<String> logLines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : logLines) {
            Matcher m = INITIALIZING.matcher(line);
            if (m.find() && loadableByName(m.group(1)) && !ofTheTraining(m.group(1))) {
                names.add(m.group(1).replace('/', '.'));
            }
        }
        return List.copyOf(names);
    }

    /** Writes the list for the log next to it, if the run was given {@link #LIST_PROPERTY}. */
    static void writeListFromProperty() throws IOException {
        String list = System.getProperty(LIST_PROPERTY);
        if (list != null && !list.isEmpty()) {
            Files.write(Path.of(list), from(Files.readAllLines(Path.of(list + ".log"))));
        }
    }

    private static boolean loadableByName(String internalName) {
        // hidden classes are named Holder+0x...; a proxy's number differs from run to run
        return !internalName.contains("+0x") && !internalName.contains("$Proxy");
    }

    private static boolean ofTheTraining(String internalName) {
        return TRAINING_PACKAGES.stream().anyMatch(internalName::startsWith);
    }
}
