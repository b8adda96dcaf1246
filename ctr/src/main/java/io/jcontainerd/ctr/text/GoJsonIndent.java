package io.jcontainerd.ctr.text;

/**
 * Go's {@code json.Indent} with no prefix: what {@code json.MarshalIndent(x, "", indent)} makes of
 * compact JSON. Tokens are kept as they are (strings already escaped Go's way, numbers verbatim);
 * whitespace outside strings is dropped and laid out again: one member or element per line,
 * {@code "key": value}, empty objects and arrays as {@code {}} and {@code []}.
 */
public final class GoJsonIndent {
    private GoJsonIndent() {
    }

    public static String indent(String json, String indent) {
        StringBuilder out = new StringBuilder(json.length() * 2);
        int depth = 0;
        boolean needIndent = false; // an opening bracket was written; the next token starts a new line
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (needIndent && c != ']' && c != '}') {
                needIndent = false;
                depth++;
                newline(out, indent, depth);
            }
            switch (c) {
                case '"' -> i = copyString(json, i, out);
                case '{', '[' -> {
                    out.append(c);
                    needIndent = true;
                }
                case ',' -> {
                    out.append(c);
                    newline(out, indent, depth);
                }
                case ':' -> out.append(": ");
                case '}', ']' -> {
                    if (needIndent) {
                        needIndent = false; // empty: stays "{}" or "[]"
                    } else {
                        depth--;
                        newline(out, indent, depth);
                    }
                    out.append(c);
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Copies the string starting at {@code start} and returns the index of its closing quote. */
    private static int copyString(String json, int start, StringBuilder out) {
        out.append('"');
        int i = start + 1;
        while (i < json.length()) {
            char c = json.charAt(i);
            out.append(c);
            if (c == '\\' && i + 1 < json.length()) {
                out.append(json.charAt(++i));
            } else if (c == '"') {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated string in JSON");
    }

    private static void newline(StringBuilder out, String indent, int depth) {
        out.append('\n');
        out.append(indent.repeat(depth));
    }
}
