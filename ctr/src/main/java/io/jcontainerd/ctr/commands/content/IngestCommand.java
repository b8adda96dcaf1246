package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes stdin as a blob under the ref: resumable, and content already present counts as success. */
@Command(name = "ingest", header = "accept content into the store",
        description = "ingest objects into the local content store", customSynopsis = "[flags] <key>")
final class IngestCommand implements CtrCommand {
    @Option(names = {"--expected-size", "-expected-size"}, description = "validate against provided size",
            defaultValue = "0")
    long expectedSize;

    @Option(names = {"--expected-digest", "-expected-digest"}, description = "verify content against expected digest")
    String expectedDigest = "";

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        Digest expected = expectedDigest.isEmpty() ? null : Digest.parse(expectedDigest);
        String ref = args.isEmpty() ? "" : args.getFirst();
        if (ref.isEmpty()) {
            throw new CommandException("must specify a transaction reference");
        }
        try {
            // stdin itself, unbuffered: a resumed ingest seeks it when it is a file, as ctr does
            context.client().content().writeBlob(ref, new FileInputStream(FileDescriptor.in), expectedSize, expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
