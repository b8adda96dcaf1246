package io.jcontainerd.daemon.log;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes java.util.logging (used by grpc-java and Netty) into our logfmt lines, and quiets Netty's
 * complaint that Unix sockets have no SO_KEEPALIVE, which grpc-java sets on every connection.
 * Two loggers write at the level our debug maps to what containerd's debug does not show, so ours
 * shows them only at trace: grpc-java's log of every HTTP/2 frame it serves, payload bytes
 * included, and the JDK's security events, a line for each of the ~150 certificates of the default
 * trust store whenever it is loaded (the pull warm-up loads it).
 */
public final class JulBridge extends Handler {
    private static final String NETTY_BOOTSTRAP = "io.grpc.netty.shaded.io.netty.bootstrap";
    private static final List<String> TRACE_ONLY = List.of("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler",
            "jdk.event.security");
    /** Held so the levels set on them are not lost when the loggers are garbage collected. */
    private static final List<Logger> CONFIGURED = new ArrayList<>();

    private JulBridge() {
    }

    public static void install() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.addHandler(new JulBridge());
        root.setLevel(Log.enabled(Level.DEBUG) ? java.util.logging.Level.FINE : java.util.logging.Level.INFO);
        CONFIGURED.clear();
        configure(NETTY_BOOTSTRAP, java.util.logging.Level.SEVERE);
        for (String name : TRACE_ONLY) {
            configure(name, Log.enabled(Level.TRACE) ? java.util.logging.Level.FINE : java.util.logging.Level.INFO);
        }
    }

    private static void configure(String name, java.util.logging.Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        CONFIGURED.add(logger);
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
