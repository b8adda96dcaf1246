package io.jcontainerd.ctr;

import io.jcontainerd.core.errdefs.ErrdefsException;
import io.jcontainerd.ctr.cli.HelpCommand;
import io.jcontainerd.ctr.cli.KeepsArgOrder;
import io.jcontainerd.ctr.cli.UrfaveHelp;
import io.jcontainerd.ctr.cli.UsageError;
import io.jcontainerd.ctr.commands.BuildInfo;
import io.jcontainerd.ctr.commands.CommandContext;
import io.jcontainerd.ctr.commands.CommandException;
import io.jcontainerd.ctr.commands.ExitStatusException;
import io.jcontainerd.ctr.commands.CtrCommand;
import io.jcontainerd.ctr.commands.DialAhead;
import io.jcontainerd.ctr.commands.GlobalOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * One jctr invocation: parses like urfave/cli, answers help, version and usage errors itself and
 * otherwise runs the chosen command. Exit codes follow ctr: 0, 1 for errors, 3 for unknown commands.
 */
public final class CtrApp {
    /** What errors and help call the program, so that scripts written for ctr read the same text. */
    static final String APP_NAME = "ctr";
    private static final int EXIT_ERROR = 1;
    private static final int EXIT_UNKNOWN_COMMAND = 3;

    private final PrintStream out;
    private final PrintStream err;
    /** Read when a screen needs it: opening the jar for the resource is not free at start. */
    private BuildInfo build;

    public CtrApp(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        if (RootCommand.asksOnlyForVersion(args)) {
            return printVersion();
        }
        try (DialAhead dialAhead = RootCommand.dialTarget(args)
                .map(target -> DialAhead.start(target.address(), target.connectTimeout())).orElse(DialAhead.NONE)) {
            return run(dialAhead, args);
        }
    }

    private int run(DialAhead dialAhead, String... args) {
        RootCommand root = new RootCommand();
        ParseResult parsed;
        try {
            parsed = commandLine(root, RootCommand.groupsFor(args), args).parseArgs(args);
        } catch (ParameterException e) {
            return usageError(UsageError.of(withEveryGroup(e, args), List.of(args)));
        }
        // like urfave, the outermost --help or --version wins over anything after it, once every
        // flag of its own command has parsed
        ParseResult level = parsed;
        while (true) {
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
                Optional<UsageError> unknown = UsageError.unknownFlag(level, List.of(args));
                if (unknown.isPresent()) {
                    return usageError(unknown.get());
                }
            }
            if (level.isUsageHelpRequested()) {
                out.print(screen(level.commandSpec()));
                return 0;
            }
            if (level.isVersionHelpRequested()) {
                return printVersion();
            }
            if (level.subcommand() == null) {
                break;
            }
            level = level.subcommand();
        }
        CommandSpec spec = level.commandSpec();
        // instanceof, not a pattern switch: its bootstrap spins a class on every start
        if (spec.userObject() instanceof CtrCommand command) {
            return execute(command, spec, root.globalOptions(), dialAhead);
        }
        if (spec.userObject() instanceof HelpCommand helpCommand) {
            return helpTopic(spec.root(), helpCommand.topic());
        }
        // a group given without a subcommand
        out.print(screen(spec));
        return 0;
    }

    /**
     * {@code e} as the whole command tree reports it: a usage error's screen may be the app's,
     * which lists every group (a bad global flag value), though the command line named one.
     */
    private ParameterException withEveryGroup(ParameterException e, String... args) {
        try {
            commandLine(new RootCommand(), RootCommand.GROUPS).parseArgs(args); // every group, every command
            return e;
        } catch (ParameterException full) {
            return full;
        }
    }

    /** The tree with {@code groups}, each with the commands {@code args} need of it (every one for no args). */
    private CommandLine commandLine(RootCommand root, List<Class<?>> groups, String... args) {
        CommandLine cli = new CommandLine(root);
        for (Class<?> group : groups) {
            CommandLine groupLine = new CommandLine(group);
            RootCommand.subcommandsFor(group, args).forEach(groupLine::addSubcommand);
            cli.addSubcommand(groupLine);
        }
        cli.getCommandSpec().name(APP_NAME);
        addHelpFlag(cli.getCommandSpec());
        return cli.setPosixClusteredShortOptionsAllowed(false) // Go has no -qd
                .setOverwrittenOptionsAllowed(true) // Go: the last -a wins
                .setExpandAtFiles(false) // "@name" is an argument to ctr
                .setInterpolateVariables(false)
                .setDefaultValueProvider(arg -> arg instanceof OptionSpec o && RootCommand.ENV_VARS.containsKey(o.names()[0])
                        ? System.getenv(RootCommand.ENV_VARS.get(o.names()[0]))
                        : null);
    }

    /** urfave gives every command {@code --help, -h}; the root declares its own. */
    private static void addHelpFlag(CommandSpec parent) {
        for (CommandLine sub : parent.subcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.userObject() instanceof KeepsArgOrder) {
                spec.parser().stopAtPositional(true);
            }
            if (spec.findOption("--help") == null) {
                spec.addOption(OptionSpec.builder("--help", "-help", "-h", "--h")
                        .usageHelp(true).description("show help").build());
                addHelpFlag(spec);
            }
        }
    }

    private int execute(CtrCommand command, CommandSpec spec, GlobalOptions options, DialAhead dialAhead) {
        try (CommandContext context = new CommandContext(options, out, err, () -> screen(spec), dialAhead)) {
            return command.run(context);
        } catch (ErrdefsException | CommandException | IOException | UncheckedIOException e) {
            err.println(APP_NAME + ": " + e.getMessage());
            return EXIT_ERROR;
        } catch (ExitStatusException e) {
            if (!e.getMessage().isEmpty()) {
                err.println(e.getMessage());
            }
            return e.exitCode();
        }
    }

    private int printVersion() {
        out.println("jctr " + BuildInfo.PACKAGE + " " + build().version());
        return 0;
    }

    /** {@code help [command]}: unknown names answer like urfave, with exit code 3. */
    private int helpTopic(CommandSpec root, String topic) {
        if (topic == null) {
            out.print(help().app(root));
            return 0;
        }
        CommandLine command = root.subcommands().get(topic);
        if (command == null) {
            err.println("No help topic for '" + topic + "'");
            return EXIT_UNKNOWN_COMMAND;
        }
        out.print(help().command(command.getCommandSpec()));
        return 0;
    }

    private int usageError(UsageError error) {
        if (error.unknownCommand()) {
            err.println(error.message());
            return EXIT_UNKNOWN_COMMAND;
        }
        out.print("Incorrect Usage" + (error.onLeafCommand() ? ": " : ". ") + error.message() + "\n\n"
                + screen(error.command()));
        err.println(APP_NAME + ": " + error.message());
        return EXIT_ERROR;
    }

    private BuildInfo build() {
        if (build == null) {
            build = BuildInfo.load();
        }
        return build;
    }

    private UrfaveHelp help() {
        return new UrfaveHelp(build().version(), RootCommand.ENV_VARS);
    }

    private String screen(CommandSpec spec) {
        if (spec.parent() == null) {
            return help().app(spec);
        }
        return spec.subcommands().isEmpty() ? help().command(spec) : help().group(spec);
    }
}
