package io.jcontainerd.ctr.commands.content;

import io.jcontainerd.core.content.Digest;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.ExitStatusException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Copies a blob to a temp file, runs the editor on it ({@code sh -c "<editor> <file>"}, as ctr
 * does, so the editor may carry arguments), and writes the result back as a new blob whose digest
 * it prints.
 */
@Command(name = "edit", header = "edit a blob and return a new digest", description = "edit a blob and return a new digest",
        customSynopsis = "[flags] <digest>")
final class EditCommand implements CtrCommand {
    @Option(names = {"--validate", "-validate"}, description = "validate the result against a format (json, mediatype, etc.)")
    String validate = "";

    @Option(names = {"--editor", "-editor"}, description = "select editor (vim, emacs, etc.) [$EDITOR]")
    String editor;

    @Parameters
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext context) {
        if (!validate.isEmpty()) {
            throw new CommandException("validating the edit result not supported");
        }
        String object = args.isEmpty() ? "" : args.getFirst();
        Digest digest = Digest.parse(object);
        String command = editor != null ? editor : System.getenv().getOrDefault("EDITOR", "");
        try {
            Path file = copyToTempFile(context, digest);
            try {
                if (command.isEmpty()) {
                    throw new CommandException("editor is required");
                }
                runEditor(command, file);
                try (InputStream edited = Files.newInputStream(file)) {
                    context.out().println(context.client().content().writeNew("edit-" + object, edited));
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    private static Path copyToTempFile(CommandContext context, Digest digest) throws IOException {
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        Path file = runtimeDir == null || runtimeDir.isEmpty() ? Files.createTempFile("edit-", "")
                : Files.createTempFile(Path.of(runtimeDir), "edit-", "");
        try (OutputStream out = Files.newOutputStream(file)) {
            context.client().content().read(digest, out);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    private static void runEditor(String editor, Path file) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", editor + " " + file).inheritIO().start();
        try {
            int status = process.waitFor();
            if (status != 0) {
                throw new ExitStatusException(status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("editor interrupted");
        }
    }
}
