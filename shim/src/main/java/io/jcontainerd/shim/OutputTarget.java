package io.jcontainerd.shim;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.errdefs.ErrorKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a process without a terminal writes stdout and stderr, read from the stdout the client
 * sent as the Go shim reads it: a FIFO path (no scheme, or {@code fifo}), {@code file:///path} (both
 * streams appended to one file) or {@code binary:///program?flag=value} (a logging program fed
 * through pipes; the client's {@code --log-uri}).
 */
sealed interface OutputTarget {
    /** The client's FIFOs (or /dev/null for an empty path). */
    record Fifos(String stdout, String stderr) implements OutputTarget {
    }

    record File(Path path) implements OutputTarget {
    }

    /** @param args each query parameter as a flag and its first value, as upstream's NewBinaryCmd passes them */
    record Binary(Path program, List<String> args) implements OutputTarget {
    }

    /** Go's url.Parse: a scheme is letters first, then letters, digits, {@code + - .}, then a colon. */
    Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** @throws ErrdefsException upstream's {@code unknown STDIO scheme} or {@code unable to parse stdout uri} */
    static OutputTarget of(String stdout, String stderr) {
        if (!SCHEME.matcher(stdout).find()) {
            return new Fifos(stdout, stderr);
        }
        URI uri;
        try {
            uri = new URI(stdout);
        } catch (URISyntaxException e) {
            throw new ErrdefsException(ErrorKind.UNKNOWN, "unable to parse stdout uri: " + e.getMessage(), e);
        }
        return switch (uri.getScheme()) {
            case "fifo" -> new Fifos(stdout, stderr);
            case "file" -> new File(Path.of(uri.getPath()));
            case "binary" -> new Binary(Path.of(uri.getPath()), flags(uri.getRawQuery()));
            default -> throw new ErrdefsException(ErrorKind.UNKNOWN, "unknown STDIO scheme " + uri.getScheme());
        };
    }

    private static List<String> flags(String rawQuery) {
        List<String> args = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return args;
        }
        List<String> seen = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (seen.contains(key)) {
                continue; // Go passes a repeated key once, with its first value
            }
            seen.add(key);
            args.add(key);
            args.add(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return args;
    }
}
