package io.jcontainerd.registry.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 2617), e.g.
 * {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"}.
 *
 * @param parameters lowercase names to values, unquoted
 */
public record AuthChallenge(AuthScheme scheme, Map<String, String> parameters) {
    public AuthChallenge {
        Objects.requireNonNull(scheme, "scheme");
        parameters = Map.copyOf(parameters);
    }

    public String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }

    /**
     * {@return the challenges in the header values, bearer first, then digest, then basic; values
     * with other schemes are left out}. A parameter list that stops parsing keeps what was read, as
     * upstream's parser does.
     */
    public static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            Parser p = new Parser(value);
            String token = p.token().toLowerCase(Locale.ROOT);
            AuthScheme scheme = switch (token) {
                case "bearer" -> AuthScheme.BEARER;
                case "digest" -> AuthScheme.DIGEST;
                case "basic" -> AuthScheme.BASIC;
                default -> null;
            };
            if (scheme != null) {
                challenges.add(new AuthChallenge(scheme, p.parameters()));
            }
        }
        challenges.sort(Comparator.comparing(AuthChallenge::scheme));
        return challenges;
    }

    /** RFC 2616 tokens and quoted strings, over the header's characters. */
    private static final class Parser {
        private static final String SEPARATORS = " \t\"(),/:;<=>?@[]\\{}";
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Map<String, String> parameters() {
            Map<String, String> params = new HashMap<>();
            while (true) {
                skipSpace();
                String key = token();
                if (key.isEmpty() || !consume('=')) {
                    return params;
                }
                String value = tokenOrQuoted();
                params.put(key.toLowerCase(Locale.ROOT), value == null ? "" : value);
                if (value == null) {
                    return params;
                }
                skipSpace();
                if (!consume(',')) {
                    return params;
                }
            }
        }

        String token() {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** A token or a quoted string with backslash escapes; null for an unterminated quote. */
        private String tokenOrQuoted() {
            if (!consume('"')) {
                return token();
            }
            StringBuilder value = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                value.append(c);
            }
            return null;
        }

        private boolean consume(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipSpace() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c > 31 && c < 127 && SEPARATORS.indexOf(c) < 0;
        }
    }
}
