package io.jcontainerd.ctr.commands.plugins;

import io.jcontainerd.client.PluginInfo;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "ls", header = "lists containerd plugins")
final class ListCommand implements CtrCommand {
    @Option(names = {"--quiet", "-quiet", "-q", "--q"}, description = "print only the plugin ids")
    boolean quiet;

    @Option(names = {"--detailed", "-detailed", "-d", "--d"}, description = "print detailed information about each plugin")
    boolean detailed;

    /** containerd filters such as {@code type==io.containerd.grpc.v1}; a plugin matching any is listed. */
    @Parameters
    List<String> filters = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        // the debug line containerd's Go client logs before the call
        context.log().debug("remote introspection plugin filters",
                Map.of("filters", "[" + String.join(" ", filters) + "]"));
        List<PluginInfo> plugins = context.client().introspection().plugins(filters);
        String text;
        if (quiet) {
            text = PluginText.ids(plugins);
        } else if (detailed) {
            text = PluginText.details(plugins);
        } else {
            text = PluginText.table(plugins);
        }
        context.out().print(text);
        return 0;
    }
}
