package dev.equivariance.rep;

import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A direct sum of irreducible representations of O(3), written as in e3nn: {@code "4x0e + 2x1o + 1x2e"}. Each term
 * {@code MULxLP} is MUL copies of the irrep of degree L (dimension 2L+1) and parity P: {@code e} (even, +1) or
 * {@code o} (odd, -1); {@code y} means the parity of spherical harmonics, {@code (-1)^L}. The multiplicity may be
 * left out ({@code "1o"} is {@code "1x1o"}) and spaces are optional.
 *
 * <p>Layout along the feature axis, as in e3nn: multiplicity-major, i.e. the terms in order, each as MUL consecutive
 * blocks of 2L+1 components ({@code "2x1o"}: x1, y1, z1, x2, y2, z2). Under an element g of O(3) the features
 * transform by the block-diagonal matrix {@link #matrix} whose blocks are {@link WignerD}'s
 * {@code D_(L,P)(g) = P^[det g < 0] D^L(det(g) g)}; vectors are {@code 1o} with {@code D = R}, pseudovectors
 * {@code 1e}, pseudoscalars {@code 0o}. A row of features transforms as {@code x -> x D(g)^T}.
 *
 * <p>Immutable; {@link #toString()} gives the e3nn form, which {@link #parse} reads back.
 */
public final class Irreps {

    private static final Pattern TERM = Pattern.compile("(?:(\\d+)\\s*[xX]\\s*)?(\\d+)\\s*([eoy])");

    /** The expected form of a term, for error messages. */
    static final String FORM = "MULxLP such as 2x1o (MUL copies, optional, of degree L with parity P = e or o)";

    /**
     * One term: {@code mul} copies of the irrep of degree {@code l} and parity {@code parity} (+1 or -1).
     *
     * @param mul the multiplicity, >= 0
     * @param l the degree, >= 0 (dimension 2l+1)
     * @param parity +1 (even, {@code e}) or -1 (odd, {@code o})
     */
    public record MulIrrep(int mul, int l, int parity) {

        /** Checks the ranges. */
        public MulIrrep {
            if (mul < 0 || l < 0 || (parity != 1 && parity != -1)) {
                throw new IllegalArgumentException("An irreps term needs mul >= 0, l >= 0 and parity +1 or -1, got "
                        + "mul=" + mul + ", l=" + l + ", parity=" + parity);
            }
        }

        /** The dimension of one copy, 2l+1. */
        public int irrepDim() {
            return 2 * l + 1;
        }

        /** The dimension of all copies, mul (2l+1). */
        public int dim() {
            return mul * irrepDim();
        }

        /** The e3nn form, e.g. {@code 2x1o}. */
        @Override
        public String toString() {
            return mul + "x" + l + (parity > 0 ? "e" : "o");
        }
    }

    private final List<MulIrrep> terms;

    private Irreps(List<MulIrrep> terms) {
        this.terms = List.copyOf(terms);
    }

    /** The irreps with these terms, in order. */
    public static Irreps of(List<MulIrrep> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("Irreps need at least one term, e.g. 1x0e");
        }
        return new Irreps(terms);
    }

    /**
     * Parses the e3nn form: terms {@code MULxLP} joined by {@code +}, e.g. {@code "4x0e + 2x1o + 1x2e"},
     * {@code "1o"}, {@code "2x1e+3x0o"}.
     *
     * @throws IllegalArgumentException naming the bad term and the expected form
     */
    public static Irreps parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("No irreps given; write e.g. \"4x0e + 2x1o + 1x2e\"");
        }
        List<MulIrrep> terms = new ArrayList<>();
        for (String raw : text.split("\\+", -1)) {
            String token = raw.trim();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("Irreps '" + text.trim() + "' have an empty term (a stray '+'); "
                        + "expected terms " + FORM + " joined by +, e.g. \"4x0e + 2x1o\"");
            }
            Matcher m = TERM.matcher(token);
            if (!m.matches()) {
                throw new IllegalArgumentException("Bad irreps term '" + token + "' in '" + text.trim()
                        + "': expected " + FORM + ", e.g. \"4x0e + 2x1o + 1x2e\"");
            }
            int mul;
            int l;
            try {
                mul = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
                l = Integer.parseInt(m.group(2));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad irreps term '" + token + "' in '" + text.trim()
                        + "': the numbers are too large", e);
            }
            char p = m.group(3).charAt(0);
            int parity = p == 'e' ? 1 : p == 'o' ? -1 : (l % 2 == 0 ? 1 : -1);
            terms.add(new MulIrrep(mul, l, parity));
        }
        return new Irreps(terms);
    }

    /** The terms in order. */
    public List<MulIrrep> terms() {
        return terms;
    }

    /** The total dimension, the sum of mul (2l+1). */
    public int dim() {
        int d = 0;
        for (MulIrrep t : terms) {
            d = Math.addExact(d, t.dim());
        }
        return d;
    }

    /** The largest degree l. */
    public int lmax() {
        return terms.stream().mapToInt(MulIrrep::l).max().orElse(0);
    }

    /** Whether every term is a scalar {@code 0e} (or has multiplicity 0): every element of O(3) acts trivially. */
    public boolean isScalar() {
        return terms.stream().allMatch(t -> t.mul() == 0 || (t.l() == 0 && t.parity() > 0));
    }

    /**
     * Merges consecutive terms of the same irrep and drops terms of multiplicity 0, as e3nn's {@code simplify}:
     * {@code "1x0e + 2x0e + 0x1o + 1x1o"} becomes {@code "3x0e + 1x1o"}. The layout is unchanged. Irreps of
     * multiplicity 0 only simplify to the empty sum (dimension 0, printed as an empty string, as in e3nn).
     */
    public Irreps simplify() {
        List<MulIrrep> out = new ArrayList<>();
        for (MulIrrep t : terms) {
            if (t.mul() == 0) {
                continue;
            }
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).l() == t.l() && out.get(last).parity() == t.parity()) {
                out.set(last, new MulIrrep(out.get(last).mul() + t.mul(), t.l(), t.parity()));
            } else {
                out.add(t);
            }
        }
        return new Irreps(out);
    }

    /**
     * The dim x dim block-diagonal matrix by which an element acts on features with these irreps: for each term,
     * mul copies of {@code D_(l,p)(g)}. The element must have a 3 x 3 orthogonal part (SO(3), O(3), SE(3), E(3)).
     *
     * @throws IllegalArgumentException when {@code g} has no such part
     */
    public double[][] matrix(GroupElement g) {
        OrthogonalMatrix m = g.part(OrthogonalMatrix.class).orElseThrow(() -> new IllegalArgumentException(
                "Irreps " + this + " need an element of O(3) (or of E(3)), got " + g));
        return matrix(m);
    }

    /** As {@link #matrix(GroupElement)} for an orthogonal 3 x 3 element. */
    public double[][] matrix(OrthogonalMatrix g) {
        BlockDiagonal out = new BlockDiagonal(dim());
        for (MulIrrep t : terms) {
            if (t.mul() > 0) {
                out.add(WignerD.of(t.l(), t.parity(), g), t.mul());
            }
        }
        return out.matrix();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Irreps i && i.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    /** The e3nn form, e.g. {@code 4x0e+2x1o} printed as {@code 4x0e + 2x1o}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" + ");
        terms.forEach(t -> j.add(t.toString()));
        return j.toString();
    }
}
