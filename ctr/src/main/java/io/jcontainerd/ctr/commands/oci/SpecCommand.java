package io.jcontainerd.ctr.commands.oci;

import io.jcontainerd.client.oci.RuntimeSpec;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.text.GoJsonIndent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** ctr's {@code oci spec}: containerd's default spec for the namespace, as {@code GenerateSpec} makes it for no container. */
@Command(name = "spec", header = "see the output of the default OCI spec")
final class SpecCommand implements CtrCommand {
    @Parameters(hidden = true, description = "ignored, as ctr ignores them")
    List<String> ignored;

    @Override
    public int run(CommandContext context) {
        String json = new String(new RuntimeSpec(context.namespace(), "").toJson(), StandardCharsets.UTF_8);
        context.out().println(GoJsonIndent.indent(json, "    "));
        return 0;
    }
}
