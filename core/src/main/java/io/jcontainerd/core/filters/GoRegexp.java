package io.jcontainerd.core.filters;

import io.jcontainerd.core.errdefs.Errdefs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Go regular expression ({@code regexp.Compile}, RE2 syntax) evaluated with
 * {@link java.util.regex}, for the {@code ~=} operator.
 *
 * <p>The expression is parsed with the rules of Go's {@code regexp/syntax} (Perl flags), so it is
 * rejected exactly where Go rejects it (backreferences, lookaround, possessive and stacked
 * quantifiers, {@code \Z}, unknown escapes, repeat counts over 1000, ...), and then rewritten
 * into an equivalent {@link Pattern} that does not depend on Java's differing defaults: every
 * literal is escaped; {@code ^ $ .} get Go's meaning under the current {@code m}/{@code s} flags
 * (by default {@code $} is the end of text, never before a final newline); {@code \d \s \w \b}
 * and POSIX classes are ASCII as in Go ({@code \s} excludes {@code \v}); {@code (?i)} uses
 * Unicode case folding; nested classes and {@code &&} are never produced; {@code \pX}/{@code \p{Name}}
 * map to Java's general categories and scripts (Go's {@code \pC} excludes unassigned code points).
 *
 * <p>Only whether a match exists anywhere is asked (Go's {@code MatchString}), so greediness and
 * leftmost-first vs. leftmost-longest never matter. Java's engine backtracks where RE2 runs in
 * linear time: a match that would take more than {@value #STEP_BUDGET} character reads is
 * abandoned as no match, with a warning; one that overflows the caller's stack is retried once on
 * a thread with a large stack.
 */
final class GoRegexp {
    private static final System.Logger LOG = System.getLogger(GoRegexp.class.getName());

    /** Character reads one match may take before it is abandoned. */
    static final long STEP_BUDGET = 50_000_000L;

    private static final int CACHE_LIMIT = 512;
    private static final Map<String, GoRegexp> CACHE = new ConcurrentHashMap<>();

    private final String expr;
    private final Pattern pattern;
    private final String error;

    private GoRegexp(String expr, Pattern pattern, String error) {
        this.expr = expr;
        this.pattern = pattern;
        this.error = error;
    }

    /** Compiles {@code expr}; never throws: an invalid expression gives an instance that matches nothing. */
    static GoRegexp compile(String expr) {
        try {
            String java = new Translator(expr).translate();
            return new GoRegexp(expr, Pattern.compile(java), null);
        } catch (Syntax e) {
            return new GoRegexp(expr, null, e.getMessage());
        } catch (PatternSyntaxException | StackOverflowError e) {
            return new GoRegexp(expr, null, "error parsing regexp: " + e);
        }
    }

    /** {@link #compile} through a small cache; logs (once per cached entry) an expression that does not compile. */
    static GoRegexp cached(String expr) {
        GoRegexp re = CACHE.get(expr);
        if (re == null) {
            re = compile(expr);
            if (!re.valid()) {
                // upstream logs "error compiling regexp %q" and the selector does not match
                LOG.log(System.Logger.Level.WARNING, "error compiling regexp " + Errdefs.quote(expr) + ": " + re.error);
            }
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.putIfAbsent(expr, re);
        }
        return re;
    }

    boolean valid() {
        return pattern != null;
    }

    /** {@return Go's error text, e.g. "error parsing regexp: missing closing ]: `[a`", or null if valid} */
    String error() {
        return error;
    }

    /** {@return the translated Java pattern, or null if invalid} */
    String javaPattern() {
        return pattern == null ? null : pattern.pattern();
    }

    String expr() {
        return expr;
    }

    /** Go's {@code MatchString}: whether the expression matches anywhere in {@code s}. */
    boolean matches(String s) {
        if (pattern == null) {
            return false;
        }
        try {
            return pattern.matcher(new Budgeted(s)).find();
        } catch (BudgetExhausted e) {
            return abandon("takes too many steps");
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per iteration of a repeated alternation, about 1 KiB of
            // stack each: (a|b)* overflows a default stack at a few thousand characters
            return matchOnLargeStack(s);
        }
    }

    private boolean matchOnLargeStack(String s) {
        boolean[] matched = new boolean[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                matched[0] = pattern.matcher(new Budgeted(s)).find();
            } catch (BudgetExhausted | StackOverflowError e) {
                failure[0] = e;
            }
        }, "filters-regexp", LARGE_STACK);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return abandon("was interrupted");
        }
        if (failure[0] != null) {
            return abandon(failure[0] instanceof BudgetExhausted ? "takes too many steps" : "overflows the stack");
        }
        return matched[0];
    }

    /** Stack for a match that overflowed the caller's: enough for a repeated alternation over ~200k characters. */
    private static final long LARGE_STACK = 256L << 20;

    private boolean abandon(String why) {
        LOG.log(System.Logger.Level.WARNING, "regexp " + Errdefs.quote(expr) + " " + why
                + " in java.util.regex (RE2 would not); treated as no match");
        return false;
    }

    private static final class BudgetExhausted extends RuntimeException {
        private static final BudgetExhausted INSTANCE = new BudgetExhausted();

        private BudgetExhausted() {
            super(null, null, false, false);
        }
    }

    /** A subject that stops the matcher after {@link #STEP_BUDGET} reads. */
    private static final class Budgeted implements CharSequence {
        private final String s;
        private long steps;

        Budgeted(String s) {
            this.s = s;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (++steps > STEP_BUDGET) {
                throw BudgetExhausted.INSTANCE;
            }
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }

    /** A Go syntax error, with Go's message. */
    static final class Syntax extends Exception {
        Syntax(String code, String expr) {
            super("error parsing regexp: " + code + ": `" + expr + "`", null, false, false);
        }
    }

    static final String ERR_INVALID_CHAR_RANGE = "invalid character class range";
    static final String ERR_INVALID_ESCAPE = "invalid escape sequence";
    static final String ERR_INVALID_NAMED_CAPTURE = "invalid named capture";
    static final String ERR_INVALID_PERL_OP = "invalid or unsupported Perl syntax";
    static final String ERR_INVALID_REPEAT_OP = "invalid nested repetition operator";
    static final String ERR_INVALID_REPEAT_SIZE = "invalid repeat count";
    static final String ERR_INVALID_UTF8 = "invalid UTF-8";
    static final String ERR_MISSING_BRACKET = "missing closing ]";
    static final String ERR_MISSING_PAREN = "missing closing )";
    static final String ERR_MISSING_REPEAT_ARGUMENT = "missing argument to repetition operator";
    static final String ERR_TRAILING_BACKSLASH = "trailing backslash at end of expression";
    static final String ERR_UNEXPECTED_PAREN = "unexpected )";

    private static final int MAX_REPEAT = 1000;

    private static final String WORD = "[0-9A-Za-z_]";
    private static final String WORD_BOUNDARY = "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
    private static final String NO_WORD_BOUNDARY = "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";
    private static final String ANY = "\\x{0}-\\x{10FFFF}";

    /** A class as Java class items (no brackets) plus its sign. */
    private record Group(String items, boolean negated) {
        /** As items inside an enclosing class. */
        String inClass() {
            return negated ? "[^" + items + "]" : items;
        }

        /** As a class of its own. */
        String standalone() {
            return (negated ? "[^" : "[") + items + "]";
        }
    }

    private static String ranges(int... bounds) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < bounds.length; k += 2) {
            appendRange(b, bounds[k], bounds[k + 1]);
        }
        return b.toString();
    }

    private static void appendRange(StringBuilder b, int lo, int hi) {
        b.append(escape(lo));
        if (hi != lo) {
            b.append('-').append(escape(hi));
        }
    }

    private static String escape(int cp) {
        if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) {
            return Character.toString(cp);
        }
        return "\\x{" + Integer.toHexString(cp) + "}";
    }

    /** Go's {@code perlGroup}. */
    private static final Map<Character, Group> PERL = Map.of(
            'd', new Group(ranges('0', '9'), false),
            'D', new Group(ranges('0', '9'), true),
            's', new Group(ranges('\t', '\n', '\f', '\r', ' ', ' '), false),
            'S', new Group(ranges('\t', '\n', '\f', '\r', ' ', ' '), true),
            'w', new Group(ranges('0', '9', 'A', 'Z', '_', '_', 'a', 'z'), false),
            'W', new Group(ranges('0', '9', 'A', 'Z', '_', '_', 'a', 'z'), true));

    /** Go's {@code posixGroup}. */
    private static final Map<String, Group> POSIX = new HashMap<>();

    static {
        Map<String, String> classes = Map.ofEntries(
                Map.entry("alnum", ranges('0', '9', 'A', 'Z', 'a', 'z')),
                Map.entry("alpha", ranges('A', 'Z', 'a', 'z')),
                Map.entry("ascii", ranges(0, 0x7F)),
                Map.entry("blank", ranges('\t', '\t', ' ', ' ')),
                Map.entry("cntrl", ranges(0, 0x1F, 0x7F, 0x7F)),
                Map.entry("digit", ranges('0', '9')),
                Map.entry("graph", ranges('!', '~')),
                Map.entry("lower", ranges('a', 'z')),
                Map.entry("print", ranges(' ', '~')),
                Map.entry("punct", ranges('!', '/', ':', '@', '[', '`', '{', '~')),
                Map.entry("space", ranges('\t', '\r', ' ', ' ')),
                Map.entry("upper", ranges('A', 'Z')),
                Map.entry("word", ranges('0', '9', 'A', 'Z', 'a', 'z', '_', '_')),
                Map.entry("xdigit", ranges('0', '9', 'A', 'F', 'a', 'f')));
        classes.forEach((name, items) -> {
            POSIX.put("[:" + name + ":]", new Group(items, false));
            POSIX.put("[:^" + name + ":]", new Group(items, true));
        });
    }

    /** Go's {@code unicode.Categories}, keyed by canonical name, as Java class items. */
    private static final Map<String, String> CATEGORIES = new HashMap<>();
    /** Go's {@code unicode.Scripts}, keyed by canonical name, as Java class items. */
    private static final Map<String, String> SCRIPTS = new HashMap<>();

    static {
        for (String c : List.of("Cc", "Cf", "Co", "Cs", "Cn", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
                "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So",
                "Z", "Zl", "Zp", "Zs")) {
            CATEGORIES.put(canonicalName(c), "\\p{" + c + "}");
        }
        // Go's C has no unassigned code points, Java's has
        CATEGORIES.put("C", "\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}");
        CATEGORIES.put("Lc", "\\p{Lu}\\p{Ll}\\p{Lt}");
        // unicode.CategoryAliases (long names of the general categories)
        String[][] aliases = {
            {"Cased_Letter", "Lc"}, {"Close_Punctuation", "Pe"}, {"Combining_Mark", "M"},
            {"Connector_Punctuation", "Pc"}, {"Control", "Cc"}, {"Currency_Symbol", "Sc"},
            {"Dash_Punctuation", "Pd"}, {"Decimal_Number", "Nd"}, {"Enclosing_Mark", "Me"},
            {"Final_Punctuation", "Pf"}, {"Format", "Cf"}, {"Initial_Punctuation", "Pi"}, {"Letter", "L"},
            {"Letter_Number", "Nl"}, {"Line_Separator", "Zl"}, {"Lowercase_Letter", "Ll"}, {"Mark", "M"},
            {"Math_Symbol", "Sm"}, {"Modifier_Letter", "Lm"}, {"Modifier_Symbol", "Sk"},
            {"Nonspacing_Mark", "Mn"}, {"Number", "N"}, {"Open_Punctuation", "Ps"}, {"Other", "C"},
            {"Other_Letter", "Lo"}, {"Other_Number", "No"}, {"Other_Punctuation", "Po"},
            {"Other_Symbol", "So"}, {"Paragraph_Separator", "Zp"}, {"Private_Use", "Co"},
            {"Punctuation", "P"}, {"Separator", "Z"}, {"Space_Separator", "Zs"}, {"Spacing_Mark", "Mc"},
            {"Surrogate", "Cs"}, {"Symbol", "S"}, {"Titlecase_Letter", "Lt"}, {"Unassigned", "Cn"},
            {"Uppercase_Letter", "Lu"}, {"cntrl", "Cc"}, {"digit", "Nd"}, {"punct", "P"},
        };
        for (String[] a : aliases) {
            CATEGORIES.putIfAbsent(canonicalName(a[0]), CATEGORIES.get(canonicalName(a[1])));
        }
        for (Character.UnicodeScript script : Character.UnicodeScript.values()) {
            if (script != Character.UnicodeScript.UNKNOWN) {
                SCRIPTS.put(canonicalName(script.name()), "\\p{script=" + script.name() + "}");
            }
        }
    }

    /** Go's {@code canonicalName}: first letter upper case, the rest lower case, no {@code _ - space}. */
    static String canonicalName(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean first = true;
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c == '_' || c == '-' || c == ' ') {
                continue;
            }
            if (first) {
                b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
                first = false;
            } else {
                b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
        }
        return b.toString();
    }

    /** Go's {@code unicodeTable}: items and sign, or null for an unknown name. */
    private static Group unicodeTable(String name) {
        String canonical = canonicalName(name);
        switch (canonical) {
            case "Any":
                return new Group(ANY, false);
            case "Assigned":
                return new Group("\\p{Cn}", true);
            case "Ascii":
                return new Group(ranges(0, 0x7F), false);
            default:
                break;
        }
        String items = CATEGORIES.get(canonical);
        if (items == null) {
            items = SCRIPTS.get(canonical);
        }
        return items == null ? null : new Group(items, false);
    }

    /** A translated piece of a concatenation, and the smallest repeat budget it needs (Go's {@code repeatIsValid}). */
    private record Piece(String java, long need) {
    }

    /** Parse state saved at a {@code (}: the alternatives so far and the flags to restore. */
    private static final class Frame {
        final List<String> alternatives = new ArrayList<>();
        long need;
        List<Piece> current = new ArrayList<>();
        final boolean fold;
        final boolean dotNL;
        final boolean oneLine;

        Frame(boolean fold, boolean dotNL, boolean oneLine) {
            this.fold = fold;
            this.dotNL = dotNL;
            this.oneLine = oneLine;
        }

        void endAlternative() {
            StringBuilder b = new StringBuilder();
            for (Piece p : current) {
                b.append(p.java());
                need = Math.max(need, p.need());
            }
            alternatives.add(b.toString());
            current = new ArrayList<>();
        }
    }

    /** Go's {@code regexp/syntax} parser with Perl flags, emitting Java syntax as it goes. */
    private static final class Translator {
        private final String s;
        private final int n;
        private int i;
        private boolean fold;
        private boolean dotNL;
        private boolean oneLine = true;
        private final Deque<Frame> stack = new ArrayDeque<>();

        Translator(String s) {
            this.s = s;
            this.n = s.length();
        }

        String translate() throws Syntax {
            for (int k = 0; k < n; k++) {
                char c = s.charAt(k);
                if (Character.isHighSurrogate(c) && k + 1 < n && Character.isLowSurrogate(s.charAt(k + 1))) {
                    k++;
                } else if (Character.isSurrogate(c)) {
                    throw new Syntax(ERR_INVALID_UTF8, s.substring(k));
                }
            }
            stack.push(new Frame(false, false, true));
            boolean lastRepeat = false;
            int lastRepeatStart = 0;
            while (i < n) {
                int start = i;
                boolean repeat = false;
                char c = s.charAt(i);
                switch (c) {
                    case '(' -> {
                        if (i + 1 < n && s.charAt(i + 1) == '?') {
                            perlFlags();
                        } else {
                            stack.push(new Frame(fold, dotNL, oneLine));
                            i++;
                        }
                    }
                    case '|' -> {
                        stack.peek().endAlternative();
                        i++;
                    }
                    case ')' -> {
                        closeGroup();
                        i++;
                    }
                    case '^' -> {
                        add(oneLine ? "\\A" : "(?<![^\\n])");
                        i++;
                    }
                    case '$' -> {
                        add(oneLine ? "\\z" : "(?![^\\n])");
                        i++;
                    }
                    case '.' -> {
                        add(dotNL ? "[" + ANY + "]" : "[^\\n]");
                        i++;
                    }
                    case '[' -> charClass();
                    case '*', '+', '?' -> {
                        i++;
                        String quantifier = String.valueOf(c);
                        if (i < n && s.charAt(i) == '?') {
                            i++;
                            quantifier += "?";
                        }
                        repeat(quantifier, start, lastRepeat, lastRepeatStart, -1, -1);
                        repeat = true;
                    }
                    case '{' -> {
                        int[] r = parseRepeat();
                        if (r == null) {
                            literal('{');
                            i++;
                        } else {
                            int min = r[0];
                            int max = r[1];
                            i = r[2];
                            if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
                                throw new Syntax(ERR_INVALID_REPEAT_SIZE, s.substring(start, i));
                            }
                            String quantifier = max == min ? "{" + min + "}" : max < 0 ? "{" + min + ",}" : "{" + min + "," + max + "}";
                            if (i < n && s.charAt(i) == '?') {
                                i++;
                                quantifier += "?";
                            }
                            repeat(quantifier, start, lastRepeat, lastRepeatStart, min, max);
                            repeat = true;
                        }
                    }
                    case '\\' -> backslash();
                    default -> {
                        int cp = s.codePointAt(i);
                        literal(cp);
                        i += Character.charCount(cp);
                    }
                }
                lastRepeat = repeat;
                if (repeat) {
                    lastRepeatStart = start;
                }
            }
            if (stack.size() != 1) {
                throw new Syntax(ERR_MISSING_PAREN, s);
            }
            Frame root = stack.pop();
            root.endAlternative();
            return "(?:" + String.join("|", root.alternatives) + ")";
        }

        private void add(String java) {
            stack.peek().current.add(new Piece(java, 0));
        }

        private void literal(int cp) {
            add(fold ? "(?iu:" + escape(cp) + ")" : escape(cp));
        }

        private void addClass(String javaClass) {
            add(fold ? "(?iu:" + javaClass + ")" : javaClass);
        }

        /** Applies a quantifier (Go's {@code parser.repeat}); min/max are -1 for {@code * + ?}. */
        private void repeat(String quantifier, int start, boolean lastRepeat, int lastRepeatStart, int min, int max)
                throws Syntax {
            if (lastRepeat) {
                throw new Syntax(ERR_INVALID_REPEAT_OP, s.substring(lastRepeatStart, i));
            }
            List<Piece> current = stack.peek().current;
            if (current.isEmpty()) {
                throw new Syntax(ERR_MISSING_REPEAT_ARGUMENT, s.substring(start, i));
            }
            Piece sub = current.removeLast();
            long need = sub.need();
            boolean counted = min >= 0;
            if (counted) {
                if (max == 0) {
                    need = 0;
                } else {
                    long m = max < 0 ? min : max;
                    if (m > 0) {
                        need = Math.min(MAX_REPEAT + 1L, Math.max(m, m * need));
                    }
                }
            }
            current.add(new Piece("(?:" + sub.java() + ")" + quantifier, need));
            if (counted && (min >= 2 || max >= 2) && need > MAX_REPEAT) {
                throw new Syntax(ERR_INVALID_REPEAT_SIZE, s.substring(start, i));
            }
        }

        private void closeGroup() throws Syntax {
            if (stack.size() < 2) {
                throw new Syntax(ERR_UNEXPECTED_PAREN, s);
            }
            Frame f = stack.pop();
            f.endAlternative();
            fold = f.fold;
            dotNL = f.dotNL;
            oneLine = f.oneLine;
            stack.peek().current.add(new Piece("(?:" + String.join("|", f.alternatives) + ")", f.need));
        }

        /** {@code (?}: named capture, flags, or non-capturing group (Go's {@code parsePerlFlags}). */
        private void perlFlags() throws Syntax {
            int rem = n - i;
            boolean startsWithP = rem > 4 && s.charAt(i + 2) == 'P' && s.charAt(i + 3) == '<';
            boolean startsWithName = rem > 3 && s.charAt(i + 2) == '<';
            if (startsWithP || startsWithName) {
                int exprStart = startsWithName ? 3 : 4;
                int end = s.indexOf('>', i);
                if (end < 0) {
                    throw new Syntax(ERR_INVALID_NAMED_CAPTURE, s.substring(i));
                }
                String name = s.substring(i + exprStart, end);
                if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || isAlnum(ch))) {
                    throw new Syntax(ERR_INVALID_NAMED_CAPTURE, s.substring(i, end + 1));
                }
                stack.push(new Frame(fold, dotNL, oneLine));
                i = end + 1;
                return;
            }
            boolean newFold = fold;
            boolean newDotNL = dotNL;
            boolean newOneLine = oneLine;
            boolean negate = false;
            boolean sawFlag = false;
            int j = i + 2;
            while (j < n) {
                int c = s.codePointAt(j);
                j += Character.charCount(c);
                switch (c) {
                    case 'i' -> {
                        newFold = !negate;
                        sawFlag = true;
                    }
                    case 'm' -> {
                        newOneLine = negate;
                        sawFlag = true;
                    }
                    case 's' -> {
                        newDotNL = !negate;
                        sawFlag = true;
                    }
                    case 'U' -> sawFlag = true; // non-greedy: irrelevant to whether a match exists
                    case '-' -> {
                        if (negate) {
                            throw new Syntax(ERR_INVALID_PERL_OP, s.substring(i, j));
                        }
                        negate = true;
                        sawFlag = false;
                    }
                    case ':', ')' -> {
                        if (negate && !sawFlag) {
                            throw new Syntax(ERR_INVALID_PERL_OP, s.substring(i, j));
                        }
                        if (c == ':') {
                            stack.push(new Frame(fold, dotNL, oneLine));
                        }
                        fold = newFold;
                        dotNL = newDotNL;
                        oneLine = newOneLine;
                        i = j;
                        return;
                    }
                    default -> throw new Syntax(ERR_INVALID_PERL_OP, s.substring(i, j));
                }
            }
            throw new Syntax(ERR_INVALID_PERL_OP, s.substring(i, j));
        }

        /** Go's {@code parseRepeat} at {@code i}: {min, max (-1: none), end}, or null if not a repeat. */
        private int[] parseRepeat() {
            int j = i + 1;
            int[] min = parseInt(j);
            if (min == null) {
                return null;
            }
            j = min[1];
            if (j >= n) {
                return null;
            }
            int lo = min[0];
            int hi;
            if (s.charAt(j) != ',') {
                hi = lo;
            } else {
                j++;
                if (j >= n) {
                    return null;
                }
                if (s.charAt(j) == '}') {
                    hi = -1;
                } else {
                    int[] max = parseInt(j);
                    if (max == null) {
                        return null;
                    }
                    j = max[1];
                    hi = max[0];
                    if (hi < 0) {
                        lo = -1;
                    }
                }
            }
            if (j >= n || s.charAt(j) != '}') {
                return null;
            }
            return new int[] {lo, hi, j + 1};
        }

        /** Go's {@code parseInt}: {value (-1 if too big), end}, or null; no leading zeros. */
        private int[] parseInt(int j) {
            if (j >= n || !isDigit(s.charAt(j))) {
                return null;
            }
            if (j + 1 < n && s.charAt(j) == '0' && isDigit(s.charAt(j + 1))) {
                return null;
            }
            int value = 0;
            int k = j;
            while (k < n && isDigit(s.charAt(k))) {
                if (value >= 0) {
                    value = value >= 100_000_000 ? -1 : value * 10 + (s.charAt(k) - '0');
                }
                k++;
            }
            return new int[] {value, k};
        }

        private void backslash() throws Syntax {
            if (i + 1 < n) {
                switch (s.charAt(i + 1)) {
                    case 'A' -> {
                        add("\\A");
                        i += 2;
                        return;
                    }
                    case 'b' -> {
                        add(WORD_BOUNDARY);
                        i += 2;
                        return;
                    }
                    case 'B' -> {
                        add(NO_WORD_BOUNDARY);
                        i += 2;
                        return;
                    }
                    case 'C' -> throw new Syntax(ERR_INVALID_ESCAPE, "\\C");
                    case 'Q' -> {
                        int end = s.indexOf("\\E", i + 2);
                        String lit = end < 0 ? s.substring(i + 2) : s.substring(i + 2, end);
                        i = end < 0 ? n : end + 2;
                        lit.codePoints().forEach(this::literal);
                        return;
                    }
                    case 'z' -> {
                        add("\\z");
                        i += 2;
                        return;
                    }
                    default -> {
                    }
                }
                char c = s.charAt(i + 1);
                if (c == 'p' || c == 'P') {
                    addClass(unicodeClass().standalone());
                    return;
                }
                Group perl = PERL.get(c);
                if (perl != null) {
                    addClass(perl.standalone());
                    i += 2;
                    return;
                }
            }
            literal(escapeSequence());
        }

        /** Go's {@code parseUnicodeClass} at {@code i} ({@code \p} or {@code \P}); advances {@code i}. */
        private Group unicodeClass() throws Syntax {
            boolean negated = s.charAt(i + 1) == 'P';
            int k = i + 2;
            if (k >= n) {
                throw new Syntax(ERR_INVALID_CHAR_RANGE, s.substring(i, k));
            }
            int c = s.codePointAt(k);
            String name;
            int end;
            if (c != '{') {
                end = k + Character.charCount(c);
                name = s.substring(k, end);
            } else {
                int close = s.indexOf('}', i);
                if (close < 0) {
                    throw new Syntax(ERR_INVALID_CHAR_RANGE, s.substring(i));
                }
                name = s.substring(i + 3, close);
                end = close + 1;
            }
            if (!name.isEmpty() && name.charAt(0) == '^') {
                negated = !negated;
                name = name.substring(1);
            }
            Group table = unicodeTable(name);
            if (table == null) {
                throw new Syntax(ERR_INVALID_CHAR_RANGE, s.substring(i, end));
            }
            i = end;
            return new Group(table.items(), negated != table.negated());
        }

        /** Go's {@code parseClass} at {@code i} ({@code [}). */
        private void charClass() throws Syntax {
            int start = i;
            i++;
            boolean negated = false;
            if (i < n && s.charAt(i) == '^') {
                negated = true;
                i++;
            }
            StringBuilder items = new StringBuilder();
            boolean first = true;
            while (i >= n || s.charAt(i) != ']' || first) {
                first = false;
                if (n - i > 2 && s.charAt(i) == '[' && s.charAt(i + 1) == ':') {
                    int close = s.indexOf(":]", i + 2);
                    if (close >= 0) {
                        String name = s.substring(i, close + 2);
                        Group g = POSIX.get(name);
                        if (g == null) {
                            throw new Syntax(ERR_INVALID_CHAR_RANGE, name);
                        }
                        items.append(g.inClass());
                        i = close + 2;
                        continue;
                    }
                }
                if (i + 1 < n && s.charAt(i) == '\\' && (s.charAt(i + 1) == 'p' || s.charAt(i + 1) == 'P')) {
                    items.append(unicodeClass().inClass());
                    continue;
                }
                if (i + 1 < n && s.charAt(i) == '\\' && PERL.containsKey(s.charAt(i + 1))) {
                    items.append(PERL.get(s.charAt(i + 1)).inClass());
                    i += 2;
                    continue;
                }
                int rangeStart = i;
                int lo = classChar(start);
                int hi = lo;
                if (n - i >= 2 && s.charAt(i) == '-' && s.charAt(i + 1) != ']') {
                    i++;
                    hi = classChar(start);
                    if (hi < lo) {
                        throw new Syntax(ERR_INVALID_CHAR_RANGE, s.substring(rangeStart, i));
                    }
                }
                appendRange(items, lo, hi);
            }
            i++;
            addClass((negated ? "[^" : "[") + items + "]");
        }

        private int classChar(int classStart) throws Syntax {
            if (i >= n) {
                throw new Syntax(ERR_MISSING_BRACKET, s.substring(classStart));
            }
            if (s.charAt(i) == '\\') {
                return escapeSequence();
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            return cp;
        }

        /** Go's {@code parseEscape} at {@code i} (a backslash): the rune; advances {@code i}. */
        private int escapeSequence() throws Syntax {
            int start = i;
            int k = i + 1;
            if (k >= n) {
                throw new Syntax(ERR_TRAILING_BACKSLASH, "");
            }
            int c = s.codePointAt(k);
            k += Character.charCount(c);
            int r;
            switch (c) {
                case '1', '2', '3', '4', '5', '6', '7', '0' -> {
                    if (c != '0' && (k >= n || !isOctal(s.charAt(k)))) {
                        // a single non-zero digit is a backreference: not supported
                        throw new Syntax(ERR_INVALID_ESCAPE, s.substring(start, k));
                    }
                    r = c - '0';
                    for (int d = 1; d < 3 && k < n && isOctal(s.charAt(k)); d++) {
                        r = r * 8 + s.charAt(k) - '0';
                        k++;
                    }
                }
                case 'x' -> {
                    if (k >= n) {
                        throw new Syntax(ERR_INVALID_ESCAPE, s.substring(start, k));
                    }
                    int c2 = s.codePointAt(k);
                    k += Character.charCount(c2);
                    if (c2 == '{') {
                        int digits = 0;
                        r = 0;
                        while (true) {
                            if (k >= n) {
                                throw new Syntax(ERR_INVALID_ESCAPE, s.substring(start, k));
                            }
                            int c3 = s.codePointAt(k);
                            k += Character.charCount(c3);
                            if (c3 == '}') {
                                break;
                            }
                            int v = Quote.unhex(c3);
                            if (v < 0) {
                                throw new Syntax(ERR_INVALID_ESCAPE, s.substring(start, k));
                            }
                            r = r * 16 + v;
                            if (r > Utf8.MAX_RUNE) {
                                throw new Syntax(ERR_INVALID_ESCAPE, s.substring(start, k));
                            }
                            digits++;
                        }
                        if (digits == 0) {
                            throw new Syntax(ERR_INVALID_ESCAPE, s.substring(start, k));
                        }
                    } else {
                        int x = Quote.unhex(c2);
                        int y = -1;
                        if (k < n) {
                            int c3 = s.codePointAt(k);
                            k += Character.charCount(c3);
                            y = Quote.unhex(c3);
                        }
                        if (x < 0 || y < 0) {
                            throw new Syntax(ERR_INVALID_ESCAPE, s.substring(start, k));
                        }
                        r = x * 16 + y;
                    }
                }
                case 'a' -> r = 7;
                case 'f' -> r = '\f';
                case 'n' -> r = '\n';
                case 'r' -> r = '\r';
                case 't' -> r = '\t';
                case 'v' -> r = 0x0B;
                default -> {
                    if (c < 0x80 && !isAlnum(c)) {
                        r = c;
                    } else {
                        throw new Syntax(ERR_INVALID_ESCAPE, s.substring(start, k));
                    }
                }
            }
            i = k;
            return r;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    private static boolean isAlnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    @Override
    public String toString() {
        return expr;
    }
}
