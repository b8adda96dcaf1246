package io.jcontainerd.ctr.cli;

import io.jcontainerd.core.errdefs.Errdefs;
import io.jcontainerd.ctr.text.TabWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Help screens in urfave/cli v1's layouts, built from the picocli model: a command's
 * {@code header} is urfave's one-line Usage, {@code description} its Description and
 * {@code customSynopsis} its ArgsUsage. Screens go through a tabwriter (1, 8, 2, ' ') like urfave's.
 */
public final class UrfaveHelp {
    private final String version;
    private final Map<String, String> envVars;

    /**
     * @param version shown in the app screen
     * @param envVars environment variable per option (by its first name) for the app screen
     */
    public UrfaveHelp(String version, Map<String, String> envVars) {
        this.version = version;
        this.envVars = envVars;
    }

    /** The top-level screen: {@code ctr}, {@code ctr --help}, {@code ctr help}. */
    public String app(CommandSpec app) {
        StringBuilder s = new StringBuilder()
                .append("NAME:\n   ").append(app.name()).append(" - ").append(usage(app)).append("\n\n")
                .append("USAGE:\n   ").append(app.name())
                .append(" [global options] command [command options] [arguments...]\n\n")
                .append("VERSION:\n   ").append(version).append("\n\n")
                .append("DESCRIPTION:\n   ").append(String.join("\n", app.usageMessage().description())).append("\n\n")
                .append("COMMANDS:\n");
        commands(app).forEach(c -> s.append("   ").append(names(c)).append('\t').append(usage(c)).append('\n'));
        s.append("\nGLOBAL OPTIONS:\n   ")
                .append(app.options().stream().map(this::flag).collect(Collectors.joining("\n   ")))
                .append('\n');
        return aligned(s);
    }

    /** A command with subcommands, shown when none was given: {@code ctr namespaces}. */
    public String group(CommandSpec group) {
        StringBuilder s = new StringBuilder()
                .append("NAME:\n   ").append(group.qualifiedName()).append(" - ").append(usage(group)).append("\n\n")
                .append("USAGE:\n   ").append(group.qualifiedName())
                .append(" command [command options] [arguments...]\n\n")
                .append("COMMANDS:\n");
        commands(group).forEach(c -> s.append("   ").append(names(c)).append('\t').append(usage(c)).append('\n'));
        s.append("\nOPTIONS:\n");
        group.options().forEach(o -> s.append("   ").append(flag(o)).append('\n'));
        s.append("   \n");
        return aligned(s);
    }

    /**
     * A runnable command ({@code ctr namespaces list --help}), or any command named to
     * {@code ctr help}. The help flag is not listed, as urfave hides it there.
     */
    public String command(CommandSpec command) {
        List<OptionSpec> flags = command.options().stream().filter(o -> !o.usageHelp() && !o.hidden()).toList();
        String[] argsUsage = command.usageMessage().customSynopsis();
        StringBuilder s = new StringBuilder()
                .append("NAME:\n   ").append(command.qualifiedName()).append(" - ").append(usage(command)).append("\n\n")
                .append("USAGE:\n   ").append(command.qualifiedName())
                .append(flags.isEmpty() ? "" : " [command options]")
                .append(' ').append(argsUsage.length == 0 ? "[arguments...]" : argsUsage[0]).append('\n');
        String[] description = command.usageMessage().description();
        if (description.length > 0) {
            s.append("\nDESCRIPTION:\n   ").append(String.join("\n", description)).append('\n');
        }
        if (!flags.isEmpty()) {
            s.append("\nOPTIONS:\n");
            flags.forEach(o -> s.append("   ").append(flag(o)).append('\n'));
            s.append("   \n");
        }
        return aligned(s);
    }

    /** Distinct subcommands in declaration order (picocli also keys them by alias). */
    private static Set<CommandSpec> commands(CommandSpec parent) {
        Set<CommandSpec> commands = new LinkedHashSet<>();
        for (CommandLine sub : parent.subcommands().values()) {
            commands.add(sub.getCommandSpec());
        }
        return commands;
    }

    private static String names(CommandSpec command) {
        StringBuilder b = new StringBuilder(command.name());
        for (String alias : command.aliases()) {
            b.append(", ").append(alias);
        }
        return b.toString();
    }

    private static String usage(CommandSpec command) {
        String[] header = command.usageMessage().header();
        return header.length == 0 ? "" : header[0];
    }

    /** {@code --address value, -a value\t<usage> (default: "...") [$ENV]}. */
    private String flag(OptionSpec option) {
        boolean takesValue = option.arity().max() > 0;
        String usage = String.join(" ", option.description());
        // urfave's placeholder: the usage's first back-quoted name, printed without its quotes
        int open = usage.indexOf('`');
        int close = open < 0 ? -1 : usage.indexOf('`', open + 1);
        String placeholder = close < 0 ? "value" : usage.substring(open + 1, close);
        if (close >= 0) {
            usage = usage.substring(0, open) + placeholder + usage.substring(close + 1);
        }
        String names = FlagNames.bare(option).stream()
                .map(n -> (n.length() == 1 ? "-" : "--") + n + (takesValue ? " " + placeholder : ""))
                .collect(Collectors.joining(", "));
        StringBuilder b = new StringBuilder(names).append('\t').append(usage);
        // a default given in the annotation, or (like urfave's Value) a non-empty initial string
        String value = option.defaultValue() != null ? option.defaultValue()
                : option.initialValue() instanceof String s && !s.isEmpty() ? s : null;
        if (takesValue && value != null) {
            // Go's %q for strings; other types print as they are written (durations: "0s")
            b.append(" (default: ").append(option.type() == String.class ? Errdefs.quote(value) : value).append(')');
        }
        String env = envVars.get(option.names()[0]);
        if (env != null) {
            b.append(" [$").append(env).append(']');
        }
        return b.toString();
    }

    private static String aligned(StringBuilder text) {
        StringBuilder out = new StringBuilder();
        TabWriter w = new TabWriter(out, 1, 8, 2, ' ');
        w.print(text);
        w.flush();
        return out.toString();
    }
}
