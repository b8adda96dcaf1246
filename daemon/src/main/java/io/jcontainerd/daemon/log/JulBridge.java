package io.jcontainerd.daemon.log;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes java.util.logging (used by grpc-java and Netty) into our logfmt lines, and quiets Netty's
 * complaint that Unix sockets have no SO_KEEPALIVE, which grpc-java sets on every connection.
 */
public final class JulBridge extends Handler {
    private static final String NETTY_BOOTSTRAP = "io.grpc.netty.shaded.io.netty.bootstrap";
    /** Held so the level set on it is not lost when the logger is garbage collected. */
    private static Logger bootstrapLogger;

    private JulBridge() {
    }

    public static void install() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.addHandler(new JulBridge());
        root.setLevel(Log.enabled(Level.DEBUG) ? java.util.logging.Level.FINE : java.util.logging.Level.INFO);
        bootstrapLogger = Logger.getLogger(NETTY_BOOTSTRAP);
        bootstrapLogger.setLevel(java.util.logging.Level.SEVERE);
    }

    @Override
    public void publish(LogRecord r) {
        int v = r.getLevel().intValue();
        Level level = v >= java.util.logging.Level.SEVERE.intValue() ? Level.ERROR
                : v >= java.util.logging.Level.WARNING.intValue() ? Level.WARN
                : v >= java.util.logging.Level.INFO.intValue() ? Level.INFO : Level.DEBUG;
        String msg = r.getMessage();
        if (r.getParameters() != null && msg != null) {
            msg = java.text.MessageFormat.format(msg, r.getParameters());
        }
        if (r.getThrown() != null) {
            Log.log(level, String.valueOf(msg), "logger", r.getLoggerName(), "error", String.valueOf(r.getThrown()));
        } else {
            Log.log(level, String.valueOf(msg), "logger", r.getLoggerName());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
