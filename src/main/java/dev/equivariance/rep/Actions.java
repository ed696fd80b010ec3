package dev.equivariance.rep;

import dev.equivariance.group.GroupElement;
import dev.equivariance.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Factory and parser for actions. The string form, as used in annotations:
 * <pre>
 *   trivial                          invariant tensor (also: invariant, scalar)
 *   permute(axis=1)                  S(n) permutes an axis
 *   roll(axes=(2,3))                 Z(h) x Z(w) shifts axes circularly
 *   rot90(axes=(2,3))                C4 / D4 turn (and flip) a square grid
 *   rotate(axes=(2,3))               C(N) / D(N) / SO(2) / O(2) rotate a square image about its centre (bilinear
 *                                    grid_sample, zeros outside; exact at quarter turns); options
 *                                    interpolation=nearest|bilinear|bicubic, mask=disk
 *   regular(axis=1)                  C(N) / D(N) regular representation on channels (|G| per field); n=8 declares
 *                                    C8 fields under a subgroup (C4)
 *   quotient(axis=1, by=2)           C(N) / D(N) on the cosets of C(2) (by=flip: of the flips of D(N))
 *   p4(axis=1, axes=(2,3))           p4 / p4m feature maps: rot90 on axes and regular on the channel axis
 *   cn(axis=1, axes=(2,3))           C(N) / D(N) feature maps: rotate on axes and regular on the channel axis
 *   flip(axis=2)                     reverse an axis for reflections (det -1)
 *   vector(axis=-1)                  3-vectors (or 2-vectors) x -> x R^T
 *   pseudovector(axis=-1)            axial vectors: x -> det(R) x R^T
 *   position(axis=-1)                points: x -> x R^T + t under E(3) / SE(3) (like vector without translations)
 *   relabel                          node indices (edge_index [2, E]) under a node permutation: v -> perm^-1[v]
 *   4x0e + 2x1o + 1x2e               e3nn irreps of O(3) on the last axis: x -> x D(g)^T
 *   irreps(4x0e + 2x1o, axis=2)      the same on another axis
 *   frequencies(2x0 + 1x1, axis=-1)  irreps of SO(2) / O(2) by frequency (0o: the sign of O(2))
 *   permute(axis=1) &amp; vector       several actions on one tensor
 * </pre>
 * Every action takes an optional {@code factor=i} to pick a factor of a product group explicitly.
 */
public final class Actions {

    private Actions() {
    }

    public static Action trivial() {
        return TrivialAction.INSTANCE;
    }

    public static Action permute(int axis) {
        return new AxisPermutation(axis, -1);
    }

    public static Action roll(int... axes) {
        return new Roll(axes, -1);
    }

    public static Action rot90(int axis1, int axis2) {
        return new Rot90(axis1, axis2, -1);
    }

    public static Action regular(int axis) {
        return new RegularAction(axis, -1);
    }

    /**
     * The regular representation of C(n) (D(n) under a group with flips) on a channel axis, whatever the audited
     * group, which must be a subgroup: e.g. C8 features audited under C4.
     */
    public static Action regular(int axis, int n) {
        return new RegularAction(axis, -1, n);
    }

    /**
     * The quotient representation of C(N) / D(N) on the cosets of the rotations C(by) (a field of N / by channels, 2N /
     * by under D(N)), on a channel axis.
     */
    public static Action quotient(int axis, int by) {
        return new QuotientAction(axis, -1, by);
    }

    /** The quotient representation of D(N) on the cosets of its flips: N channels per field. */
    public static Action quotientByFlips(int axis) {
        return new QuotientAction(axis, -1, 0);
    }

    /**
     * Rotation of a square image on two axes about its centre, bilinear with zeros outside (the semantics of
     * {@code grid_sample(mode='bilinear', padding_mode='zeros', align_corners=False)}), exact at quarter turns.
     */
    public static Action rotate(int axis1, int axis2) {
        return new Rotate(axis1, axis2, -1, Rotate.Interpolation.BILINEAR, false);
    }

    /**
     * Rotation with a chosen interpolation ({@code "nearest"}, {@code "bilinear"}, {@code "bicubic"}), comparing only
     * inside the inscribed disk when {@code disk}.
     */
    public static Action rotate(int axis1, int axis2, String interpolation, boolean disk) {
        String describe = "rotate(axes=(" + axis1 + "," + axis2 + "))";
        return new Rotate(axis1, axis2, -1, Rotate.Interpolation.parse(interpolation, describe), disk);
    }

    /**
     * C(N) / D(N) feature maps (group-convolution features of a C(N) steerable CNN): bilinear rotation of the grid
     * axes and the regular representation on the channels, N channels per field (2N under D(N)).
     */
    public static Action cn(int channelAxis, int axis1, int axis2) {
        return both(rotate(axis1, axis2), regular(channelAxis));
    }

    /** p4 (or p4m under D4) feature maps: quarter turns of the grid axes and the regular action on the channels. */
    public static Action p4(int channelAxis, int axis1, int axis2) {
        return both(rot90(axis1, axis2), regular(channelAxis));
    }

    public static Action flip(int axis) {
        return new Flip(axis, -1);
    }

    public static Action vector(int axis) {
        return new VectorAction(axis, false, -1);
    }

    /** 3-vectors on the last axis. */
    public static Action vector() {
        return vector(-1);
    }

    public static Action pseudovector(int axis) {
        return new VectorAction(axis, true, -1);
    }

    /** Points (positions) on an axis: {@code x -> x R^T + t} under E(3) and SE(3), like vectors otherwise. */
    public static Action position(int axis) {
        return new PositionAction(axis, -1);
    }

    /**
     * Node indices (an {@code edge_index [2, E]}) relabelled by the node permutation of {@code permute(axis=0)}:
     * every value v becomes {@code perm^-1[v]}, the order of the edges is kept.
     */
    public static Action relabel() {
        return new Relabel(-1);
    }

    /** Points on the last axis. */
    public static Action position() {
        return position(-1);
    }

    /** e3nn irreps of O(3) on an axis, e.g. {@code irreps(Irreps.parse("4x0e + 2x1o"), -1)}. */
    public static Action irreps(Irreps irreps, int axis) {
        return DirectSumAction.irreps(irreps, axis, -1);
    }

    /** e3nn irreps of O(3) on the last axis, e.g. {@code irreps("4x0e + 2x1o")}. */
    public static Action irreps(String irreps) {
        return irreps(Irreps.parse(irreps), -1);
    }

    /** Irreps of SO(2) / O(2) by frequency on an axis, e.g. {@code frequencies(Frequencies.parse("2x0 + 1x1"), -1)}. */
    public static Action frequencies(Frequencies frequencies, int axis) {
        return DirectSumAction.frequencies(frequencies, axis, -1);
    }

    /** Irreps of SO(2) / O(2) by frequency on the last axis, e.g. {@code frequencies("2x0 + 1x1 + 1x2")}. */
    public static Action frequencies(String frequencies) {
        return frequencies(Frequencies.parse(frequencies), -1);
    }

    /** Several actions on different axes of the same tensor, applied in turn. */
    public static Action both(Action... actions) {
        return IndexComposite.of(List.of(actions));
    }

    /** A custom action; {@code function} must return a new tensor (use the {@link Tensor} operations). */
    public static Action custom(String name, BiFunction<GroupElement, Tensor, Tensor> function) {
        return new LambdaAction(name, function);
    }

    /**
     * Parses the string form (see the class documentation).
     *
     * @throws IllegalArgumentException naming the unknown action or argument and what is accepted
     */
    public static Action parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("No action given; write e.g. permute(axis=1), vector or trivial");
        }
        List<Action> parts = new ArrayList<>();
        for (String item : text.split("&")) {
            parts.add(parseOne(item.trim(), text));
        }
        return parts.size() == 1 ? parts.get(0) : IndexComposite.of(parts);
    }

    private static Action parseOne(String item, String whole) {
        if (!item.isEmpty() && Character.isDigit(item.charAt(0))) {
            return irreps(Irreps.parse(item), -1);     // bare e3nn irreps: "4x0e + 2x1o"
        }
        int open = item.indexOf('(');
        String name = (open < 0 ? item : item.substring(0, open)).trim().toLowerCase(Locale.ROOT);
        String spec = null;
        String rest = item;
        if (name.equals("irreps") || name.equals("frequencies") || name.equals("frequency") || name.equals("freq")) {
            String[] split = splitSpec(item, open, whole);
            spec = split[0];
            rest = split[1];
        }
        int restOpen = rest.indexOf('(');
        Map<String, String> args = restOpen < 0 ? Map.of() : arguments(rest, restOpen, whole);
        Args a = new Args(item, args);
        Action action;
        switch (name) {
            case "trivial": case "invariant": case "scalar": case "none":
                a.allow("trivial");
                action = trivial();
                break;
            case "permute": case "permutation": case "perm":
                a.allow("permute", "axis", "factor");
                action = new AxisPermutation(a.integer("axis", null), a.integer("factor", -1));
                break;
            case "roll": case "shift": case "translate":
                a.allow("roll", "axes", "axis", "factor");
                action = new Roll(a.integers("axes", a.has("axis") ? new int[] {a.integer("axis", null)} : null),
                        a.integer("factor", -1));
                break;
            case "rot90": {
                a.allow("rot90", "axes", "factor");
                int[] axes = a.integers("axes", new int[] {-2, -1});
                action = new Rot90(a.pair(axes, "axes")[0], axes[1], a.integer("factor", -1));
                break;
            }
            case "regular":
                a.allow("regular", "axis", "n", "factor");
                action = new RegularAction(a.integer("axis", null), a.integer("factor", -1), positive(a, "n"));
                break;
            case "quotient": {
                a.allow("quotient", "axis", "by", "factor");
                String by = a.word("by", "");
                int order;
                if (by.equalsIgnoreCase("flip") || by.equalsIgnoreCase("flips")) {
                    order = 0;
                } else {
                    try {
                        order = Integer.parseInt(by.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("Action '" + item + "' needs by=M (the rotations C(M)) or "
                                + "by=flip, e.g. quotient(axis=1, by=2)", e);
                    }
                    if (order < 1) {
                        throw new IllegalArgumentException("Action '" + item + "': by must be >= 1 or flip");
                    }
                }
                action = new QuotientAction(a.integer("axis", null), a.integer("factor", -1), order);
                break;
            }
            case "rotate": case "rotation": {
                a.allow("rotate", "axes", "interpolation", "mask", "factor");
                int[] axes = a.integers("axes", new int[] {-2, -1});
                action = new Rotate(a.pair(axes, "axes")[0], axes[1], a.integer("factor", -1),
                        Rotate.Interpolation.parse(a.word("interpolation", "bilinear"), item), disk(a, item));
                break;
            }
            case "cn": case "dn": {
                a.allow(name, "axis", "axes", "n", "interpolation", "mask", "factor");
                int[] axes = a.integers("axes", new int[] {-2, -1});
                int factor = a.integer("factor", -1);
                action = IndexComposite.of(List.of(new Rotate(a.pair(axes, "axes")[0], axes[1], factor,
                                Rotate.Interpolation.parse(a.word("interpolation", "bilinear"), item), disk(a, item)),
                        new RegularAction(a.integer("axis", 1), factor, positive(a, "n"))));
                break;
            }
            case "p4": case "p4m": {
                a.allow(name, "axis", "axes", "factor");
                int[] axes = a.integers("axes", new int[] {-2, -1});
                int factor = a.integer("factor", -1);
                action = IndexComposite.of(List.of(new Rot90(a.pair(axes, "axes")[0], axes[1], factor),
                        new RegularAction(a.integer("axis", 1), factor)));
                break;
            }
            case "relabel": case "edge_index": case "node_indices":
                a.allow("relabel", "factor");
                action = new Relabel(a.integer("factor", -1));
                break;
            case "flip": case "mirror":
                a.allow("flip", "axis", "factor");
                action = new Flip(a.integer("axis", null), a.integer("factor", -1));
                break;
            case "vector": case "vectors": case "vec":
                a.allow("vector", "axis", "factor");
                action = new VectorAction(a.integer("axis", -1), false, a.integer("factor", -1));
                break;
            case "pseudovector": case "pseudovectors": case "axial":
                a.allow("pseudovector", "axis", "factor");
                action = new VectorAction(a.integer("axis", -1), true, a.integer("factor", -1));
                break;
            case "position": case "positions": case "point": case "points":
                a.allow("position", "axis", "factor");
                action = new PositionAction(a.integer("axis", -1), a.integer("factor", -1));
                break;
            case "irreps":
                a.allow("irreps", "axis", "factor");
                action = DirectSumAction.irreps(Irreps.parse(spec), a.integer("axis", -1), a.integer("factor", -1));
                break;
            case "frequencies": case "frequency": case "freq":
                a.allow("frequencies", "axis", "factor");
                action = DirectSumAction.frequencies(Frequencies.parse(spec), a.integer("axis", -1),
                        a.integer("factor", -1));
                break;
            default:
                throw new IllegalArgumentException("Unknown action '" + item + "'"
                        + (item.equals(whole.trim()) ? "" : " in '" + whole + "'")
                        + ". Known actions: " + KNOWN);
        }
        a.checkAllUsed();
        return action;
    }

    private static int positive(Args a, String key) {
        int n = a.integer(key, 0);
        if (a.has(key) && n < 1) {
            throw new IllegalArgumentException("Action '" + a.item + "': " + key + " must be a positive integer, got "
                    + n);
        }
        return n;
    }

    private static boolean disk(Args a, String item) {
        String mask = a.word("mask", "none").toLowerCase(Locale.ROOT);
        if (!mask.equals("disk") && !mask.equals("none")) {
            throw new IllegalArgumentException("Action '" + item + "': mask must be disk or none, got '" + mask + "'");
        }
        return mask.equals("disk");
    }

    /** The actions {@link #parse} understands, for error messages. */
    static final String KNOWN = "trivial, permute(axis=i), roll(axes=(i,j)), rot90(axes=(i,j)), "
            + "rotate(axes=(i,j), interpolation=nearest|bilinear|bicubic, mask=disk), regular(axis=i, n=N), "
            + "quotient(axis=i, by=M or flip), p4(axis=c, axes=(i,j)), cn(axis=c, axes=(i,j)), flip(axis=i), vector(axis=i), pseudovector(axis=i), position(axis=i), "
            + "relabel, e3nn irreps such as 4x0e + 2x1o (or irreps(4x0e + 2x1o, axis=i)), frequencies(2x0 + 1x1, axis=i), "
            + "joined with &";

    /**
     * Splits {@code irreps(4x0e + 2x1o, axis=2)} into the representation ({@code 4x0e + 2x1o}) and the item with
     * the remaining arguments ({@code irreps(axis=2)}).
     */
    private static String[] splitSpec(String item, int open, String whole) {
        int close = item.lastIndexOf(')');
        String name = open < 0 ? item.trim() : item.substring(0, open).trim();
        if (open < 0 || close < open || !item.substring(close + 1).isBlank()) {
            throw new IllegalArgumentException("Malformed action '" + item + "' in '" + whole + "': expected "
                    + name + "(" + (name.equalsIgnoreCase("irreps") ? "4x0e + 2x1o" : "2x0 + 1x1") + ", axis=i)");
        }
        String body = item.substring(open + 1, close);
        int comma = body.indexOf(',');
        String first = (comma < 0 ? body : body.substring(0, comma)).trim();
        String rest = comma < 0 ? "" : body.substring(comma + 1);
        if (first.isEmpty() || first.contains("=")) {
            throw new IllegalArgumentException("Action '" + item + "' needs the representation first, e.g. " + name
                    + "(" + (name.equalsIgnoreCase("irreps") ? "4x0e + 2x1o" : "2x0 + 1x1") + ", axis=-1)");
        }
        return new String[] {first, name + "(" + rest + ")"};
    }

    private static Map<String, String> arguments(String item, int open, String whole) {
        int close = item.lastIndexOf(')');
        if (close < open || !item.substring(close + 1).isBlank()) {
            throw new IllegalArgumentException("Malformed action '" + item + "' in '" + whole
                    + "': expected name(key=value, ...)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        String body = item.substring(open + 1, close);
        String key = null;
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        List<String> tokens = new ArrayList<>();
        for (char c : body.toCharArray()) {
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                tokens.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        tokens.add(cur.toString());
        for (String t : tokens) {
            if (t.isBlank()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq >= 0) {
                key = t.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                out.put(key, t.substring(eq + 1).trim());
            } else if (key != null) {
                out.put(key, out.get(key) + "," + t.trim());
            } else {
                out.put(out.isEmpty() ? "axis" : "?", t.trim());
                key = "axis";
            }
        }
        return out;
    }

    /** Typed access to parsed arguments, tracking which were used. */
    private static final class Args {
        private final String item;
        private final Map<String, String> values;
        private final java.util.Set<String> used = new java.util.HashSet<>();

        Args(String item, Map<String, String> values) {
            this.item = item;
            this.values = values;
        }

        /**
         * Rejects arguments the action does not take, before any is read: otherwise a misspelt key surfaces as a
         * missing one ("needs axis=" for permute(axes=1)) or is silently ignored (rot90(axis=1)).
         */
        void allow(String action, String... keys) {
            java.util.List<String> known = java.util.List.of(keys);
            for (String k : values.keySet()) {
                if (!known.contains(k)) {
                    throw new IllegalArgumentException("Action '" + item + "' has an unknown argument '" + k + "'; "
                            + action + (known.isEmpty() ? " takes no arguments"
                            : " takes " + String.join(", ", known.stream().map(n -> n + "=...").toList())));
                }
            }
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        String word(String key, String fallback) {
            used.add(key);
            String v = values.get(key);
            return v == null ? fallback : v.trim().replaceAll("^['\"]|['\"]$", "");
        }

        int integer(String key, Integer fallback) {
            used.add(key);
            String v = values.get(key);
            if (v == null) {
                if (fallback == null) {
                    throw new IllegalArgumentException("Action '" + item + "' needs " + key + "=..., e.g. "
                            + item.replaceAll("\\(.*", "") + "(" + key + "=1)");
                }
                return fallback;
            }
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Action '" + item + "': " + key + " must be an integer, got '" + v
                        + "'", e);
            }
        }

        int[] integers(String key, int[] fallback) {
            used.add(key);
            used.add("axis");
            String v = values.get(key);
            if (v == null) {
                if (fallback == null) {
                    throw new IllegalArgumentException("Action '" + item + "' needs " + key + "=(i,j,...)");
                }
                return fallback;
            }
            String[] parts = v.replaceAll("[()\\[\\]]", "").split(",");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Action '" + item + "': " + key + " must list integers, got '"
                            + v + "'", e);
                }
            }
            return out;
        }

        int[] pair(int[] axes, String key) {
            if (axes.length != 2) {
                throw new IllegalArgumentException("Action '" + item + "': " + key + " must name exactly two axes");
            }
            return axes;
        }

        void checkAllUsed() {
            for (String k : values.keySet()) {
                if (!used.contains(k)) {
                    throw new IllegalArgumentException("Action '" + item + "' has an unknown argument '" + k + "'");
                }
            }
        }
    }
}
