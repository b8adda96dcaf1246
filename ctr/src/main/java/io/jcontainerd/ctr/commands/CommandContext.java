package io.jcontainerd.ctr.commands;

import io.jcontainerd.client.ClientOptions;
import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.DaemonChannel;
import io.jcontainerd.ctr.text.LogfmtLogger;
import io.jcontainerd.ctr.text.LogfmtLoggerFinder;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * What a command runs with: output streams, the logger, its own help screen and a client that is
 * dialed on first use, so commands that print only local information start no gRPC machinery.
 */
public final class CommandContext implements AutoCloseable {
    private final GlobalOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final LogfmtLogger log;
    private final Supplier<String> helpScreen;
    private final DialAhead dialAhead;
    private ContainerdClient client;

    /**
     * @param helpScreen the running command's help, as {@code --help} shows it
     * @param dialAhead  a dial started before the command line was parsed, taken if it fits {@code options}
     */
    public CommandContext(GlobalOptions options, PrintStream out, PrintStream err, Supplier<String> helpScreen,
            DialAhead dialAhead) {
        this.options = options;
        this.dialAhead = dialAhead;
        this.out = out;
        this.err = err;
        this.helpScreen = helpScreen;
        // ctr's logrus logs from Info up unless --debug
        this.log = new LogfmtLogger(err, options.debug() ? LogfmtLogger.Level.DEBUG : LogfmtLogger.Level.INFO);
        LogfmtLoggerFinder.install(log);
    }

    /** {@return the namespace the command works in} */
    public String namespace() {
        return options.namespace();
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** {@return whether {@code --debug} was given (ctr then shows no progress table)} */
    public boolean debug() {
        return options.debug();
    }

    public LogfmtLogger log() {
        return log;
    }

    /** {@return the running command's help screen, for commands that answer bad arguments with it} */
    public String helpScreen() {
        return helpScreen.get();
    }

    /** {@return the client, dialing the daemon on the first call} */
    public ContainerdClient client() {
        if (client == null) {
            ClientOptions clientOptions = new ClientOptions(options.namespace(), options.timeout(), options.connectTimeout());
            DaemonChannel channel = dialAhead.take(options.address(), options.connectTimeout())
                    .orElseGet(() -> DaemonChannel.dial(options.address(), clientOptions.effectiveConnectTimeout()));
            client = ContainerdClient.over(channel, clientOptions);
        }
        return client;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
