package io.github.jawait.postgres;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many parameters ({@code $1}, {@code $2}, ...) a statement takes: the highest {@code $n}
 * outside string literals, quoted identifiers, dollar-quoted strings and comments. Checked
 * before anything is sent, so a wrong argument count fails with a message that names both
 * numbers and the statement, instead of a server round trip.
 */
final class Placeholders {
    private static final int CACHE_LIMIT = 1024;
    private static final ConcurrentHashMap<String, Integer> COUNTS = new ConcurrentHashMap<>();

    private Placeholders() {
    }

    /** Throws {@link IllegalArgumentException} unless {@code sql} takes {@code given} arguments. */
    static void check(String what, String sql, int given) {
        int expected = count(sql);
        if (expected != given) {
            throw new IllegalArgumentException(what + ": the statement takes " + expected
                    + (expected == 1 ? " argument" : " arguments") + " but " + given
                    + (given == 1 ? " was" : " were") + " given: " + sql);
        }
    }

    /** Checks every argument list of an executeMany. */
    static void checkAll(String sql, List<? extends List<?>> rows) {
        int expected = count(sql);
        for (int i = 0; i < rows.size(); i++) {
            List<?> row = rows.get(i);
            if (row == null || row.size() != expected) {
                throw new IllegalArgumentException("executeMany: the statement takes " + expected
                        + (expected == 1 ? " argument" : " arguments") + " but argument list " + i + " has "
                        + (row == null ? "none (null)" : String.valueOf(row.size())) + ": " + sql);
            }
        }
    }

    static int count(String sql) {
        if (sql == null) {
            throw new NullPointerException("the SQL statement is null");
        }
        Integer known = COUNTS.get(sql);
        if (known != null) {
            return known;
        }
        int n = scan(sql);
        if (COUNTS.size() < CACHE_LIMIT) {
            COUNTS.put(sql, n);
        }
        return n;
    }

    private static final java.util.Set<String> COUNTING = java.util.Set.of(
            "INSERT", "UPDATE", "DELETE", "SELECT", "MERGE", "COPY", "FETCH", "MOVE", "WITH", "VALUES", "TABLE");

    /**
     * Whether the last statement of {@code sql} reports a row count in its command tag
     * ({@code INSERT 0 3}, {@code UPDATE 2}); {@code CREATE TABLE} and the like do not. Vert.x
     * decodes a count from every tag, digits or not, so the others must be read as 0.
     */
    static boolean countsRows(String sql) {
        int start = 0;
        int i = 0;
        int len = sql.length();
        while (i < len) {
            char c = sql.charAt(i);
            int skipped = skipQuotedOrComment(sql, i);
            if (skipped != i) {
                i = skipped;
            } else if (c == '$') {
                i = Character.isDigit(i + 1 < len ? sql.charAt(i + 1) : ' ') ? i + 1 : skipDollarQuoted(sql, i);
            } else if (c == ';') {
                i++;
                if (!sql.substring(i).isBlank()) {
                    start = i;
                }
            } else {
                i++;
            }
        }
        return COUNTING.contains(firstKeyword(sql, start));
    }

    private static String firstKeyword(String sql, int from) {
        int i = from;
        int len = sql.length();
        while (i < len) {
            char c = sql.charAt(i);
            int skipped = skipComment(sql, i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (skipped != i) {
                i = skipped;
            } else {
                break;
            }
        }
        int j = i;
        while (j < len && Character.isLetter(sql.charAt(j))) {
            j++;
        }
        return sql.substring(i, j).toUpperCase(java.util.Locale.ROOT);
    }

    static int scan(String sql) {
        int max = 0;
        int len = sql.length();
        int i = 0;
        while (i < len) {
            char c = sql.charAt(i);
            int skipped = skipQuotedOrComment(sql, i);
            if (skipped != i) {
                i = skipped;
            } else if (c == '$') {
                int j = i + 1;
                int n = 0;
                while (j < len && Character.isDigit(sql.charAt(j))) {
                    n = n * 10 + (sql.charAt(j) - '0');
                    j++;
                }
                if (j > i + 1 && !(i > 0 && isIdentifierPart(sql.charAt(i - 1)))) {
                    max = Math.max(max, n);
                    i = j;
                } else {
                    i = skipDollarQuoted(sql, i);
                }
            } else {
                i++;
            }
        }
        return max;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /**
     * The index after the string literal, quoted identifier or comment that starts at {@code i},
     * or {@code i} when none starts there: what every scan of a statement steps over.
     */
    private static int skipQuotedOrComment(String sql, int i) {
        char c = sql.charAt(i);
        return c == '\'' || c == '"' ? skipQuoted(sql, i, c) : skipComment(sql, i);
    }

    /** The index after the comment ({@code --} to the end of the line, or a block) at {@code i}, or {@code i}. */
    private static int skipComment(String sql, int i) {
        if (sql.startsWith("--", i)) {
            int eol = sql.indexOf('\n', i);
            return eol < 0 ? sql.length() : eol + 1;
        }
        return sql.startsWith("/*", i) ? skipBlockComment(sql, i) : i;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // a doubled quote stands for itself
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length() - 1) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** At a '$' that does not start a parameter: a $tag$...$tag$ string, or a plain '$'. */
    private static int skipDollarQuoted(String sql, int start) {
        if (start > 0 && isIdentifierPart(sql.charAt(start - 1))) {
            return start + 1; // part of an identifier such as a$b
        }
        int close = sql.indexOf('$', start + 1);
        if (close < 0) {
            return start + 1;
        }
        String tag = sql.substring(start, close + 1);
        for (int k = 1; k < tag.length() - 1; k++) {
            char ch = tag.charAt(k);
            if (!(Character.isLetter(ch) || ch == '_' || (k > 1 && Character.isDigit(ch)))) {
                return start + 1;
            }
        }
        int end = sql.indexOf(tag, close + 1);
        return end < 0 ? sql.length() : end + tag.length();
    }
}
