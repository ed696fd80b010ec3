package dev.equivariance.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Factory and parser for the built-in groups. Names as users write them: {@code S(10)}, {@code Z(8)},
 * {@code Z(8)xZ(8)} (or {@code Z(8,8)}), {@code C4}, {@code D4}, {@code C(N)} or {@code CN} and {@code D(N)} or
 * {@code DN} for any N >= 1 (e.g. {@code C8}, {@code D(16)}), {@code SO(2)}, {@code O(2)}, {@code SO(3)},
 * {@code O(3)}, {@code SE(3)}, {@code E(3)}, and products joined by {@code x}, e.g. {@code SO(3) x S(10)} or
 * {@code E(3) x S(n)}. A size may be a symbol ({@code S(n)}) resolved from the input shapes.
 */
public final class Groups {

    /** The names {@link #parse} understands, for error messages and documentation. */
    public static final String KNOWN = "S(n), Z(n), Z(h)xZ(w) or Z(h,w), C(N) or CN (C4, C8, C16, ...), "
            + "D(N) or DN (D4, D8, ...), SO(2), O(2), SO(3), O(3), SE(3), E(3), "
            + "and products such as SO(3) x S(n) or E(3) x S(n)";

    /** name(sizes), matched on the name as written so that symbolic sizes keep their case in messages. */
    private static final Pattern SIZED = Pattern.compile("([A-Za-z]+)\\(([^)]*)\\)");

    private Groups() {
    }

    public static SymmetricGroup symmetric(int n) {
        return new SymmetricGroup(n);
    }

    public static TranslationGroup translations(int... sizes) {
        return new TranslationGroup(sizes);
    }

    public static SquareGroup c4() {
        return SquareGroup.c4();
    }

    public static SquareGroup d4() {
        return SquareGroup.d4();
    }

    /** C(N): N-th turns of the plane; C(4) is {@link #c4()}, whose elements print as quarter turns. */
    public static Group<?> cyclic(int n) {
        return n == 4 ? c4() : DiscreteRotationGroup.cyclic(n);
    }

    /** D(N): N-th turns and flips; D(4) is {@link #d4()}. */
    public static Group<?> dihedral(int n) {
        return n == 4 ? d4() : DiscreteRotationGroup.dihedral(n);
    }

    public static PlanarRotationGroup so2() {
        return PlanarRotationGroup.so2();
    }

    public static PlanarRotationGroup o2() {
        return PlanarRotationGroup.o2();
    }

    public static RotationGroup so3() {
        return new RotationGroup();
    }

    public static OrthogonalGroup o3() {
        return new OrthogonalGroup();
    }

    /** SE(3): rotations and translations of 3-space. */
    public static EuclideanGroup se3() {
        return EuclideanGroup.se3();
    }

    /** E(3): rotations, the inversion and translations of 3-space. */
    public static EuclideanGroup e3() {
        return EuclideanGroup.e3();
    }

    public static ProductGroup product(Group<?>... factors) {
        return new ProductGroup(List.of(factors));
    }

    /** Parses a group name with all sizes given as numbers. */
    public static Group<?> parse(String name) {
        return parse(name, Map.of());
    }

    /**
     * Parses a group name; symbolic sizes such as {@code n} in {@code S(n)} are looked up in {@code sizes}.
     *
     * @throws IllegalArgumentException naming the unknown group or size and listing the known names
     */
    public static Group<?> parse(String name, Map<String, Integer> sizes) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("No group given. Name one of: " + KNOWN);
        }
        List<String> parts = splitFactors(name.trim());
        List<Group<?>> groups = new ArrayList<>();
        List<Integer> pendingTranslations = new ArrayList<>();
        for (String part : parts) {
            String raw = part.trim().replace(" ", "");
            String p = raw.toUpperCase(Locale.ROOT);
            Matcher m = SIZED.matcher(raw);
            if (m.matches() && m.group(1).equalsIgnoreCase("Z")) {
                for (String s : m.group(2).split(",")) {
                    pendingTranslations.add(size(s, part, name, sizes));
                }
                continue;
            }
            if (!pendingTranslations.isEmpty()) {
                groups.add(translationsOf(pendingTranslations));
                pendingTranslations.clear();
            }
            groups.add(single(p, raw, part, name, sizes));
        }
        if (!pendingTranslations.isEmpty()) {
            groups.add(translationsOf(pendingTranslations));
        }
        return groups.size() == 1 ? groups.get(0) : new ProductGroup(groups);
    }

    private static TranslationGroup translationsOf(List<Integer> sizes) {
        return new TranslationGroup(sizes.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Group<?> single(String p, String raw, String original, String whole, Map<String, Integer> sizes) {
        switch (p) {
            case "C4":
                return c4();
            case "D4":
                return d4();
            case "SO(2)":
                return so2();
            case "O(2)":
                return o2();
            case "SO(3)":
                return so3();
            case "O(3)":
                return o3();
            case "SE(3)":
                return se3();
            case "E(3)":
                return e3();
            default:
                break;
        }
        Matcher m = SIZED.matcher(raw);
        if (m.matches() && m.group(1).equalsIgnoreCase("S")) {
            return symmetric(size(m.group(2), original, whole, sizes));
        }
        Matcher compact = Pattern.compile("S_?(\\d+)").matcher(p);
        if (compact.matches()) {
            return symmetric(Integer.parseInt(compact.group(1)));
        }
        if (m.matches() && (m.group(1).equalsIgnoreCase("C") || m.group(1).equalsIgnoreCase("D"))) {
            int n = size(m.group(2), original, whole, sizes);
            return m.group(1).equalsIgnoreCase("C") ? cyclic(n) : dihedral(n);
        }
        Matcher rotations = Pattern.compile("([CD])_?(\\d+)").matcher(p);
        if (rotations.matches()) {
            int n = size(rotations.group(2), original, whole, sizes);
            return rotations.group(1).equals("C") ? cyclic(n) : dihedral(n);
        }
        throw new IllegalArgumentException("Unknown group '" + original.trim() + "'"
                + (original.trim().equals(whole.trim()) ? "" : " in '" + whole + "'") + ". Known groups: " + KNOWN);
    }

    private static int size(String token, String part, String whole, Map<String, Integer> sizes) {
        String t = token.trim();
        if (t.matches("\\d+")) {
            int v = Integer.parseInt(t);
            if (v < 1) {
                throw new IllegalArgumentException("Group '" + part.trim() + "' needs a positive size");
            }
            return v;
        }
        Integer v = sizes.get(t.toLowerCase(Locale.ROOT));
        if (v == null) {
            throw new IllegalArgumentException("The size '" + t + "' of group '" + part.trim() + "' in '" + whole
                    + "' is not known: give a number, e.g. S(10), or an input action on an axis it can be read from");
        }
        return v;
    }

    /** Splits on x, × or * outside parentheses. */
    private static List<String> splitFactors(String name) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (depth == 0 && (c == 'x' || c == 'X' || c == '×' || c == '*')) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        for (String p : parts) {
            if (p.isBlank()) {
                throw new IllegalArgumentException("Malformed group '" + name + "': empty factor. Known groups: "
                        + KNOWN);
            }
        }
        return parts;
    }
}
