package io.jcontainerd.ctr.commands.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jcontainerd.client.EventSubscription;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.core.events.EventEnvelope;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ctr events [filters...]}: prints events until the stream fails (printed raw, as ctr's
 * events client does not convert gRPC errors) or the process is stopped. Events that cannot be
 * shown are logged as warnings and skipped, as ctr does.
 */
@Command(name = "events", aliases = "event", header = "display containerd events")
public final class EventsCommand implements CtrCommand {
    @Parameters
    List<String> filters = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        try (EventSubscription events = context.client().events().subscribe(filters)) {
            for (Optional<EventEnvelope> e = next(events); e.isPresent(); e = next(events)) {
                print(context, e.get());
            }
        }
        // the server ended the stream without an error: Go's stream reports io.EOF, which ctr prints
        throw new CommandException("EOF");
    }

    private static Optional<EventEnvelope> next(EventSubscription events) {
        try {
            return events.next();
        } catch (ErrdefsException e) {
            throw CommandException.rawRpcError(e);
        }
    }

    private static void print(CommandContext context, EventEnvelope envelope) {
        String line;
        try {
            line = EventText.line(envelope);
        } catch (InvalidProtocolBufferException e) {
            context.log().warn("cannot unmarshal an event from Any", Map.of("error", e.getMessage()));
            return;
        } catch (UnsupportedOperationException e) {
            context.log().warn("cannot marshal Any into JSON", Map.of("error", e.getMessage()));
            return;
        }
        context.out().println(line);
        // whoever reads a running events command wants each event as it happens
        context.out().flush();
    }
}
