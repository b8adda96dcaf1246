package io.jcontainerd.ctr.text;

import io.jcontainerd.sys.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Error texts as Go prints them for system calls and files ({@code open x: no such file or directory}). */
public final class GoErrors {
    private GoErrors() {
    }

    /** {@return Go's text for an errno: glibc's description with a lowercase first letter, e.g. "no such file or directory"} */
    public static String errno(Errno errno) {
        return lowerFirst(errno.description());
    }

    /** {@return Go's {@code *PathError} text, {@code <op> <path>: <reason>}, for a failed file operation} */
    public static String path(String op, String path, IOException e) {
        String reason = switch (e) {
            case NoSuchFileException x -> "no such file or directory";
            case AccessDeniedException x -> "permission denied";
            case FileSystemException x when x.getReason() != null -> lowerFirst(x.getReason());
            default -> lowerFirst(String.valueOf(e.getMessage()));
        };
        return op + " " + path + ": " + reason;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
