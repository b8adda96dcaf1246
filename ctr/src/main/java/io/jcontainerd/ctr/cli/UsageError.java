package io.jcontainerd.ctr.cli;

import io.jcontainerd.core.errdefs.Errdefs;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that did not parse, phrased as Go's flag package phrases it.
 *
 * @param command        the command whose arguments were wrong
 * @param message        e.g. {@code flag provided but not defined: -bogus}
 * @param unknownCommand whether a subcommand name was not found, which urfave answers with
 *                       just the message ({@code No help topic for 'x'}) and exit code 3
 */
public record UsageError(CommandSpec command, String message, boolean unknownCommand) {
    /** Go's text for a flag value its parser rejected. */
    private static final String PARSE_ERROR = "parse error";

    /** @param args the full command line, to find how the user spelled a flag */
    public static UsageError of(ParameterException e, List<String> args) {
        CommandSpec command = e.getCommandLine().getCommandSpec();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String token = u.getUnmatched().getFirst();
            if (!FlagNames.isFlag(token) && !command.subcommands().isEmpty()) {
                return new UsageError(command, "No help topic for '" + token + "'", true);
            }
            return new UsageError(command, "flag provided but not defined: -" + FlagNames.strip(token), false);
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().getFirst() instanceof OptionSpec option) {
            return new UsageError(command, "flag needs an argument: -" + spelling(option, args), false);
        }
        ArgSpec arg = e.getArgSpec();
        if (arg instanceof OptionSpec option && e.getValue() != null) {
            String value = Errdefs.quote(e.getValue());
            String flag = spelling(option, args);
            String message = option.arity().max() == 0
                    ? "invalid boolean value " + value + " for -" + flag
                    : "invalid value " + value + " for flag -" + flag;
            return new UsageError(command, message + ": " + PARSE_ERROR, false);
        }
        return new UsageError(command, e.getMessage(), false);
    }

    /**
     * {@return the error for the first unknown flag among those {@code parsed} left unmatched at
     * its own command}: picocli answers a command's --help or --version without looking at them,
     * urfave only after parsing every flag of that command
     */
    public static Optional<UsageError> unknownFlag(ParseResult parsed, List<String> args) {
        return parsed.unmatched().stream().filter(FlagNames::isFlag).findFirst()
                .map(flag -> of(new UnmatchedArgumentException(parsed.commandSpec().commandLine(), List.of(flag)), args));
    }

    /** {@return the name as typed on the command line (Go echoes it), else the first name} */
    private static String spelling(OptionSpec option, List<String> args) {
        List<String> names = FlagNames.bare(option);
        for (String token : args.reversed()) {
            if (FlagNames.isFlag(token) && names.contains(FlagNames.strip(token))) {
                return FlagNames.strip(token);
            }
        }
        return names.getFirst();
    }

    /** {@return whether the screen shown after the error is a leaf command's (urfave's "Incorrect Usage:")} */
    public boolean onLeafCommand() {
        return command.subcommands().isEmpty();
    }
}
