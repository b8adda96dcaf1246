package io.jcontainerd.ctr.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Go's flag package takes a flag with one or two dashes, so options declare every spelling;
 * these helpers recover the bare names ({@code quiet}, {@code q}) in declaration order.
 */
final class FlagNames {
    private FlagNames() {
    }

    static List<String> bare(OptionSpec option) {
        return Arrays.stream(option.names()).map(FlagNames::strip).distinct().toList();
    }

    /** {@code --timeout=5s} → {@code timeout}. */
    static String strip(String token) {
        String name = token.startsWith("--") ? token.substring(2) : token.startsWith("-") ? token.substring(1) : token;
        int eq = name.indexOf('=');
        return eq < 0 ? name : name.substring(0, eq);
    }

    /** {@return whether {@code token} is a flag to Go: a dash followed by something} */
    static boolean isFlag(String token) {
        return token.length() > 1 && token.startsWith("-");
    }
}
