package dev.equivariance.group;

/**
 * A symmetry of the square (an element of D4, or of C4 when not flipped): first an optional flip of the last
 * image axis, then {@code quarterTurns} counter-clockwise quarter turns (numpy's {@code rot90} orientation).
 */
public final class SquareSymmetry implements OrthogonalMatrix {

    private final int quarterTurns;
    private final boolean flipped;

    private SquareSymmetry(int quarterTurns, boolean flipped) {
        this.quarterTurns = Math.floorMod(quarterTurns, 4);
        this.flipped = flipped;
    }

    public static SquareSymmetry rotation(int quarterTurns) {
        return new SquareSymmetry(quarterTurns, false);
    }

    /** The flip of the last image axis followed by {@code quarterTurns} quarter turns. */
    public static SquareSymmetry flipThenRotate(int quarterTurns) {
        return new SquareSymmetry(quarterTurns, true);
    }

    /** Number of quarter turns, 0..3. */
    public int quarterTurns() {
        return quarterTurns;
    }

    /** Whether the element includes a flip (a reflection). */
    public boolean flipped() {
        return flipped;
    }

    @Override
    public SquareSymmetry compose(GroupElement other) {
        if (!(other instanceof SquareSymmetry o)) {
            throw new IllegalArgumentException("Cannot compose " + this + " with " + other);
        }
        // (r^a f^s)(r^b f^t) = r^(a + (-1)^s b) f^(s+t), since f r f = r^-1
        int turns = quarterTurns + (flipped ? -o.quarterTurns : o.quarterTurns);
        return new SquareSymmetry(turns, flipped ^ o.flipped);
    }

    @Override
    public SquareSymmetry inverse() {
        return flipped ? this : new SquareSymmetry(-quarterTurns, false);
    }

    @Override
    public boolean isIdentity() {
        return quarterTurns == 0 && !flipped;
    }

    /** The 2x2 matrix in (x, y) coordinates: the flip negates x, a quarter turn maps x to y. */
    @Override
    public double[][] matrix() {
        int[][] r = {{1, 0}, {0, 1}};
        int[][] turn = {{0, -1}, {1, 0}};
        for (int i = 0; i < quarterTurns; i++) {
            r = mul(turn, r);
        }
        if (flipped) {
            r = mul(r, new int[][] {{-1, 0}, {0, 1}});
        }
        return new double[][] {{r[0][0], r[0][1]}, {r[1][0], r[1][1]}};
    }

    private static int[][] mul(int[][] a, int[][] b) {
        int[][] c = new int[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j];
            }
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SquareSymmetry s && s.quarterTurns == quarterTurns && s.flipped == flipped;
    }

    @Override
    public int hashCode() {
        return quarterTurns * 2 + (flipped ? 1 : 0);
    }

    @Override
    public String toString() {
        String turn = "Rot90(k=" + quarterTurns + ")";
        return flipped ? (quarterTurns == 0 ? "Flip" : turn + "·Flip") : turn;
    }
}
