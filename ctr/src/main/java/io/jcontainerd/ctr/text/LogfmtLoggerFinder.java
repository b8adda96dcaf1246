package io.jcontainerd.ctr.text;

import java.text.MessageFormat;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Routes the libraries' {@link System.Logger} output to jctr's logrus-style lines, so that the
 * client's logs read like ctr's (a {@code Map} as the only parameter is the line's fields, as
 * logrus' {@code WithFields}; other parameters fill a {@link MessageFormat} pattern). Registered
 * as the JVM's logger finder; lines go to the logger the running command installs.
 */
public final class LogfmtLoggerFinder extends System.LoggerFinder {
    private static volatile LogfmtLogger target = new LogfmtLogger(System.err, LogfmtLogger.Level.INFO);

    /** Sends library logs to {@code logger} from now on. */
    public static void install(LogfmtLogger logger) {
        target = logger;
    }

    /** The JDK's own loggers (such as {@code Runtime.exit}'s debug line) stay silent: ctr has no such lines. */
    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Adapter(name, module.isNamed() && module.getLayer() == ModuleLayer.boot());
    }

    private record Adapter(String name, boolean silent) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return !silent && level != Level.OFF && target.isEnabled(of(level));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            if (isLoggable(level)) {
                target.log(of(level), msg, thrown == null ? Map.of() : Map.of("error", String.valueOf(thrown.getMessage())));
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (!isLoggable(level)) {
                return;
            }
            if (params != null && params.length == 1 && params[0] instanceof Map<?, ?> fields) {
                Map<String, String> strings = new java.util.TreeMap<>();
                fields.forEach((k, v) -> strings.put(String.valueOf(k), String.valueOf(v)));
                target.log(of(level), format, strings);
            } else {
                target.log(of(level), params == null || params.length == 0 ? format : MessageFormat.format(format, params),
                        Map.of());
            }
        }

        private static LogfmtLogger.Level of(Level level) {
            return switch (level) {
                case ALL, TRACE, DEBUG -> LogfmtLogger.Level.DEBUG;
                case INFO -> LogfmtLogger.Level.INFO;
                case WARNING -> LogfmtLogger.Level.WARNING;
                case ERROR, OFF -> LogfmtLogger.Level.ERROR;
            };
        }
    }
}
