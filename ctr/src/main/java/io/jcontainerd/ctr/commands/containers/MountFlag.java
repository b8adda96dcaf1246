package io.jcontainerd.ctr.commands.containers;

import io.jcontainerd.client.oci.RuntimeSpec;
import io.jcontainerd.ctr.commands.CommandException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ctr's {@code --mount type=bind,src=/a,dst=/b,options=rbind:ro}: one CSV record of key=value fields. */
final class MountFlag {
    private MountFlag() {
    }

    static List<RuntimeSpec.Mount> parseAll(List<String> values) {
        return values.stream().map(MountFlag::parse).toList();
    }

    static RuntimeSpec.Mount parse(String value) {
        String type = "";
        String source = "";
        String destination = "";
        List<String> options = List.of();
        for (String field : csvFields(value)) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new CommandException("invalid mount specification: expected key=val");
            }
            String val = field.substring(eq + 1);
            switch (field.substring(0, eq)) {
                case "type" -> type = val;
                case "source", "src" -> source = val;
                case "destination", "dst" -> destination = val;
                case "options" -> options = Arrays.asList(val.split(":", -1));
                default -> throw new CommandException("mount option \"" + field.substring(0, eq) + "\" not supported");
            }
        }
        return new RuntimeSpec.Mount(destination, type, source, options);
    }

    /** Go's {@code csv.Reader}: fields split on commas; a field in double quotes may hold commas and {@code ""}. */
    static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= line.length()) {
                        throw new CommandException("parse error on line 1, column " + (j + 1) + ": extraneous or missing \" in quoted-field");
                    }
                    if (line.charAt(j) == '"') {
                        if (j + 1 < line.length() && line.charAt(j + 1) == '"') {
                            field.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    field.append(line.charAt(j++));
                }
                i = j + 1;
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new CommandException("parse error on line 1, column " + (i + 1) + ": extraneous or missing \" in quoted-field");
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? line.length() : comma;
                field.append(line, i, end);
                i = end;
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }
}
