package dev.equivariance.group;


/**
 * An element of the cyclic group C(N) or the dihedral group D(N): first an optional flip of the last image axis
 * (x -> -x, the flip of D4), then {@code k} N-th turns counter-clockwise, a rotation by {@code 2 pi k / N} (numpy's
 * {@code rot90} orientation at a quarter turn). Prints with its fraction of a turn and its angle in degrees:
 * {@code Rotation(1/8 turn, 45°)}, {@code Rotation(3/8 turn, 135°)·Flip}, {@code Flip}.
 */
public final class DiscreteRotation implements OrthogonalMatrix {

    private final int k;
    private final int n;
    private final boolean flipped;

    private DiscreteRotation(int k, int n, boolean flipped) {
        if (n < 1) {
            throw new IllegalArgumentException("C(N) and D(N) need N >= 1, got " + n);
        }
        this.k = Math.floorMod(k, n);
        this.n = n;
        this.flipped = flipped;
    }

    /** {@code k} N-th turns: the rotation by {@code 2 pi k / n}. */
    public static DiscreteRotation rotation(int k, int n) {
        return new DiscreteRotation(k, n, false);
    }

    /** The flip of the last image axis (x -> -x) followed by {@code k} N-th turns. */
    public static DiscreteRotation flipThenRotate(int k, int n) {
        return new DiscreteRotation(k, n, true);
    }

    /** The number of N-th turns, 0..N-1. */
    public int steps() {
        return k;
    }

    /** N, the order of the rotation subgroup. */
    public int order() {
        return n;
    }

    /** Whether the element includes the flip (a reflection). */
    public boolean flipped() {
        return flipped;
    }

    /** The rotation angle {@code 2 pi k / N}, in (-pi, pi]. */
    public double angle() {
        return Angles.wrap(2 * Math.PI * k / n);
    }

    @Override
    public DiscreteRotation compose(GroupElement other) {
        if (!(other instanceof DiscreteRotation o) || o.n != n) {
            throw new IllegalArgumentException("Cannot compose " + this + " with " + other);
        }
        // (r^a f^s)(r^b f^t) = r^(a + (-1)^s b) f^(s+t), since f r f = r^-1
        return new DiscreteRotation(k + (flipped ? -o.k : o.k), n, flipped ^ o.flipped);
    }

    @Override
    public DiscreteRotation inverse() {
        return flipped ? this : new DiscreteRotation(-k, n, false);
    }

    @Override
    public boolean isIdentity() {
        return k == 0 && !flipped;
    }

    /**
     * The 2x2 matrix in (x, y) coordinates: the flip negates x, the rotation is counter-clockwise. Multiples of a
     * quarter turn give exact integer matrices; other angles are reduced to the first octant before cos and sin.
     */
    @Override
    public double[][] matrix() {
        double[] cs = cosSin(k, n);
        double c = cs[0];
        double s = cs[1];
        // 0.0 - v, not -v: no negative zeros in exact matrices
        return flipped ? new double[][] {{0.0 - c, 0.0 - s}, {0.0 - s, c}} : new double[][] {{c, 0.0 - s}, {s, c}};
    }

    @Override
    public int determinant() {
        return flipped ? -1 : 1;
    }

    /** cos and sin of {@code 2 pi k / n}, exact at multiples of pi/4's quadrant boundaries and symmetric otherwise. */
    static double[] cosSin(int k, int n) {
        long k4 = 4L * Math.floorMod(k, n);
        if (k4 % n == 0) {
            int quarter = (int) (k4 / n);
            return switch (quarter) {
                case 0 -> new double[] {1, 0};
                case 1 -> new double[] {0, 1};
                case 2 -> new double[] {-1, 0};
                default -> new double[] {0, -1};
            };
        }
        // reduce to the first quadrant: angle = quarter * pi/2 + rest, 0 < rest < pi/2
        int quarter = (int) (k4 / n);
        double rest = 2 * Math.PI * (k4 - (long) quarter * n) / (4.0 * n);
        double c = Math.cos(rest);
        double s = Math.sin(rest);
        return switch (quarter) {
            case 0 -> new double[] {c, s};
            case 1 -> new double[] {-s, c};
            case 2 -> new double[] {-c, -s};
            default -> new double[] {s, -c};
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscreteRotation d && d.k == k && d.n == n && d.flipped == flipped;
    }

    @Override
    public int hashCode() {
        return (k * 31 + n) * 2 + (flipped ? 1 : 0);
    }

    /** {@code 45°}, {@code 51.43°}: the angle in degrees, with two decimals where it is not whole. */
    static String degrees(int k, int n) {
        double deg = 360.0 * k / n;
        if (Math.abs(deg - Math.rint(deg)) < 1e-9) {
            return (long) Math.rint(deg) + "°";
        }
        return Angles.fixed(deg, 2) + "°";
    }

    @Override
    public String toString() {
        String turn = "Rotation(" + k + "/" + n + " turn, " + degrees(k, n) + ")";
        return flipped ? (k == 0 ? "Flip" : turn + "·Flip") : turn;
    }
}
