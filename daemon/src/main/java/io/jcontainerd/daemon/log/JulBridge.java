package io.jcontainerd.daemon.log;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes java.util.logging (used by grpc-java and Netty) into our logfmt lines, and quiets Netty's
 * complaint that Unix sockets have no SO_KEEPALIVE, which grpc-java sets on every connection.
 * grpc-java logs every HTTP/2 frame it serves, payload bytes included, at the level it maps our
 * debug to; containerd's debug shows no frames, so ours shows them only at trace.
 */
public final class JulBridge extends Handler {
    private static final String NETTY_BOOTSTRAP = "io.grpc.netty.shaded.io.netty.bootstrap";
    private static final String SERVER_FRAMES = "io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler";
    /** Held so the levels set on them are not lost when the loggers are garbage collected. */
    private static Logger bootstrapLogger;
    private static Logger serverFrameLogger;

    private JulBridge() {
    }

    public static void install() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.addHandler(new JulBridge());
        root.setLevel(Log.enabled(Level.DEBUG) ? java.util.logging.Level.FINE : java.util.logging.Level.INFO);
        bootstrapLogger = Logger.getLogger(NETTY_BOOTSTRAP);
        bootstrapLogger.setLevel(java.util.logging.Level.SEVERE);
        serverFrameLogger = Logger.getLogger(SERVER_FRAMES);
        serverFrameLogger.setLevel(Log.enabled(Level.TRACE) ? java.util.logging.Level.FINE : java.util.logging.Level.INFO);
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
