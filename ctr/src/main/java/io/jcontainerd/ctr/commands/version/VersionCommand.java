package io.jcontainerd.ctr.commands.version;

import io.jcontainerd.client.ContainerdClient;
import io.jcontainerd.client.ServerVersion;
import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.ctr.commands.BuildInfo;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "version", header = "print the client and server versions")
public final class VersionCommand implements CtrCommand {
    @Parameters(hidden = true, description = "ignored, as ctr ignores them")
    List<String> ignored;

    @Override
    public int run(CommandContext context) {
        BuildInfo build = BuildInfo.load();
        context.out().print(VersionText.client(build, Runtime.version().toString()));
        ContainerdClient client = context.client();
        ServerVersion server = serverVersion(client);
        String uuid = client.introspection().serverUuid();
        context.out().print(VersionText.server(server, uuid));
        if (!server.version().equals(build.version())) {
            context.err().println("WARNING: version mismatch");
        }
        if (!server.revision().equals(build.revision())) {
            context.err().println("WARNING: revision mismatch");
        }
        return 0;
    }

    /** ctr reports a failed Version call as the raw gRPC error, unlike every other call. */
    private static ServerVersion serverVersion(ContainerdClient client) {
        try {
            return client.version().get();
        } catch (ErrdefsException e) {
            throw CommandException.rawRpcError(e);
        }
    }
}
