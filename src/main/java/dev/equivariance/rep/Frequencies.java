package dev.equivariance.rep;

import dev.equivariance.group.GroupElement;
import dev.equivariance.group.OrthogonalMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A direct sum of real irreducible representations of SO(2) and O(2), written like e3nn irreps with frequencies:
 * {@code "2x0 + 1x1 + 1x2"}. Each term {@code MULxK} is MUL copies of the irrep of frequency K:
 * <ul>
 *   <li>K = 0: the trivial representation (dimension 1), also written {@code 0e}; {@code 0o} is the sign
 *       representation of O(2), {@code det g} (-1 on reflections, trivial under SO(2));</li>
 *   <li>K &gt;= 1: dimension 2, the rotation by angle theta acts as the 2 x 2 rotation by K theta.</li>
 * </ul>
 *
 * <p>Reflections (O(2)), as in escnn: an element is {@code g = R(theta) F^s} with {@code F = diag(1, -1)} the
 * reflection y -> -y (this library's {@code PlanarRotation}: reflect first, then rotate), and frequency K acts by
 * {@code R(K theta) F^s}. So frequency 1 is the element's own matrix (2-vectors), and every finite subgroup of O(2)
 * given by 2 x 2 matrices (C4, D4) acts the same way. Layout: multiplicity-major, as for {@link Irreps}.
 */
public final class Frequencies {

    private static final Pattern TERM = Pattern.compile("(?:(\\d+)\\s*[xX]\\s*)?(\\d+)\\s*([eo]?)");

    /** The expected form of a term, for error messages. */
    static final String FORM = "MULxK such as 2x1 (MUL copies, optional, of frequency K; 0o for the sign of O(2))";

    /**
     * One term: {@code mul} copies of the irrep of frequency {@code k}; {@code odd} (k = 0 only) selects the sign
     * representation.
     *
     * @param mul the multiplicity, >= 0
     * @param k the frequency, >= 0
     * @param odd for k = 0: -1 on reflections
     */
    public record MulFrequency(int mul, int k, boolean odd) {

        /** Checks the ranges. */
        public MulFrequency {
            if (mul < 0 || k < 0 || (odd && k != 0)) {
                throw new IllegalArgumentException("A frequencies term needs mul >= 0, k >= 0, and the sign (o) only "
                        + "with k = 0, got mul=" + mul + ", k=" + k + (odd ? ", odd" : ""));
            }
        }

        /** The dimension of one copy: 1 for k = 0, else 2. */
        public int irrepDim() {
            return k == 0 ? 1 : 2;
        }

        /** The dimension of all copies. */
        public int dim() {
            return mul * irrepDim();
        }

        /** The canonical form, e.g. {@code 2x1} or {@code 1x0o}. */
        @Override
        public String toString() {
            return mul + "x" + k + (odd ? "o" : "");
        }
    }

    private final List<MulFrequency> terms;

    private Frequencies(List<MulFrequency> terms) {
        this.terms = List.copyOf(terms);
    }

    /**
     * Parses terms {@code MULxK} joined by {@code +}, e.g. {@code "2x0 + 1x1 + 1x2"} or {@code "1x0o + 3x2"}.
     *
     * @throws IllegalArgumentException naming the bad term and the expected form
     */
    public static Frequencies parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("No frequencies given; write e.g. \"2x0 + 1x1 + 1x2\"");
        }
        List<MulFrequency> terms = new ArrayList<>();
        for (String raw : text.split("\\+", -1)) {
            String token = raw.trim();
            Matcher m = TERM.matcher(token);
            if (token.isEmpty() || !m.matches()) {
                throw new IllegalArgumentException("Bad frequencies term '" + token + "' in '" + text.trim()
                        + "': expected " + FORM + ", joined by +, e.g. \"2x0 + 1x1 + 1x2\"");
            }
            int mul;
            int k;
            try {
                mul = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
                k = Integer.parseInt(m.group(2));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad frequencies term '" + token + "' in '" + text.trim()
                        + "': the numbers are too large", e);
            }
            boolean odd = m.group(3).equals("o");
            if (!m.group(3).isEmpty() && k != 0) {
                throw new IllegalArgumentException("Bad frequencies term '" + token + "' in '" + text.trim()
                        + "': only frequency 0 takes a parity (0e trivial, 0o the sign of O(2)); a frequency k >= 1 "
                        + "is written without one, e.g. 1x" + k);
            }
            terms.add(new MulFrequency(mul, k, odd));
        }
        return new Frequencies(terms);
    }

    /** The terms in order. */
    public List<MulFrequency> terms() {
        return terms;
    }

    /** The total dimension. */
    public int dim() {
        int d = 0;
        for (MulFrequency t : terms) {
            d = Math.addExact(d, t.dim());
        }
        return d;
    }

    /** The matrix of frequency {@code k} (with the sign for {@code odd}, k = 0) for a 2 x 2 orthogonal element. */
    public static double[][] irrep(int k, boolean odd, OrthogonalMatrix g) {
        if (k < 0 || (odd && k != 0)) {
            throw new IllegalArgumentException("A frequency must be >= 0, and only frequency 0 has a sign, got k=" + k
                    + (odd ? ", odd" : ""));
        }
        double[][] m = g.matrix();
        if (m.length != 2) {
            throw new IllegalArgumentException("Frequencies need an element of O(2) (SO(2), O(2), C4, D4), but " + g
                    + " acts on " + m.length + "-vectors; for 3D rotations use irreps such as 1x1o");
        }
        boolean reflected = g.determinant() < 0;
        if (k == 0) {
            return new double[][] {{odd && reflected ? -1 : 1}};
        }
        if (k == 1) {
            return m;
        }
        double angle = k * Math.atan2(m[1][0], m[0][0]);
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return reflected ? new double[][] {{c, s}, {s, -c}} : new double[][] {{c, -s}, {s, c}};
    }

    /** The block-diagonal matrix of a group element with a 2 x 2 orthogonal part. */
    public double[][] matrix(GroupElement g) {
        OrthogonalMatrix m = g.part(OrthogonalMatrix.class).orElseThrow(() -> new IllegalArgumentException(
                "Frequencies " + this + " need an element of SO(2) or O(2), got " + g));
        BlockDiagonal out = new BlockDiagonal(dim());
        for (MulFrequency t : terms) {
            if (t.mul() > 0) {
                out.add(irrep(t.k(), t.odd(), m), t.mul());
            }
        }
        return out.matrix();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frequencies f && f.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    /** The canonical form, e.g. {@code 2x0 + 1x1 + 1x2}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" + ");
        terms.forEach(t -> j.add(t.toString()));
        return j.toString();
    }
}
