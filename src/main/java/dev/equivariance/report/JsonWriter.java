package dev.equivariance.report;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Locale;

/**
 * A small streaming JSON writer: keys are written in the order they are given, strings are escaped per RFC 8259,
 * numbers are written as JSON numbers, and non-finite doubles (which JSON cannot represent) are written as
 * {@code null}. Output is indented by two spaces, one member per line, so diffs of reports stay readable.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder();
    /** Per open container: whether it has members yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterKey;

    JsonWriter beginObject() {
        return begin('{');
    }

    JsonWriter endObject() {
        return end('}');
    }

    JsonWriter beginArray() {
        return begin('[');
    }

    JsonWriter endArray() {
        return end(']');
    }

    /** Writes a member name; the next value written is its value. */
    JsonWriter key(String name) {
        separate();
        string(name);
        out.append(": ");
        afterKey = true;
        return this;
    }

    JsonWriter value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    JsonWriter value(boolean b) {
        separate();
        out.append(b);
        return this;
    }

    JsonWriter value(long n) {
        separate();
        out.append(n);
        return this;
    }

    /** A double as a JSON number, or {@code null} when it is NaN or infinite. */
    JsonWriter value(double d) {
        separate();
        out.append(number(d));
        return this;
    }

    JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    JsonWriter member(String name, String s) {
        return key(name).value(s);
    }

    JsonWriter member(String name, boolean b) {
        return key(name).value(b);
    }

    JsonWriter member(String name, long n) {
        return key(name).value(n);
    }

    JsonWriter member(String name, double d) {
        return key(name).value(d);
    }

    /** An array of strings. */
    JsonWriter member(String name, Collection<String> strings) {
        key(name).beginArray();
        strings.forEach(this::value);
        return endArray();
    }

    /** The document written so far, followed by a newline once every container is closed. */
    @Override
    public String toString() {
        return open.isEmpty() ? out + "\n" : out.toString();
    }

    /**
     * A finite double in the shortest form that reads back to the same value ({@link Double#toString(double)},
     * which is valid JSON: {@code 1.0E-5}); NaN and infinities become {@code null}.
     */
    static String number(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "null";
    }

    private JsonWriter begin(char bracket) {
        separate();
        out.append(bracket);
        open.push(new boolean[] {false});
        return this;
    }

    private JsonWriter end(char bracket) {
        boolean[] state = open.pop();
        if (state[0]) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    /** Writes the comma and line break before a value or key, unless the value follows its key. */
    private void separate() {
        if (afterKey) {
            afterKey = false;
            return;
        }
        boolean[] state = open.peek();
        if (state == null) {
            return;
        }
        if (state[0]) {
            out.append(',');
        }
        state[0] = true;
        newline();
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(open.size()));
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Control characters must be escaped; U+2028/2029 are escaped so the JSON is also valid JS.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
