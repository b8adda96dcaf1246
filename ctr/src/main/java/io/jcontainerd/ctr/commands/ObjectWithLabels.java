package io.jcontainerd.ctr.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ctr's {@code <name> [<key>=<value>...]} arguments: a label without {@code =} means
 * {@code key=true}, a later duplicate key wins.
 *
 * @param name   empty when no argument was given
 * @param labels in the order given
 */
public record ObjectWithLabels(String name, Map<String, String> labels) {
    public static ObjectWithLabels parse(List<String> args) {
        if (args.isEmpty()) {
            return new ObjectWithLabels("", Map.of());
        }
        return new ObjectWithLabels(args.getFirst(), labels(args.subList(1, args.size())));
    }

    /** {@return the labels of {@code key=value} arguments, a bare {@code key} meaning {@code key=true}} */
    public static Map<String, String> labels(List<String> args) {
        return labels(args, "true");
    }

    /**
     * {@return the labels of {@code key=value} arguments}
     *
     * @param bareKeyValue the value of an argument without {@code =}: {@code "true"} for most of
     *                     ctr's commands, {@code ""} (no label) for {@code leases create}
     */
    public static Map<String, String> labels(List<String> args, String bareKeyValue) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                labels.put(arg, bareKeyValue);
            } else {
                labels.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        return labels;
    }
}
