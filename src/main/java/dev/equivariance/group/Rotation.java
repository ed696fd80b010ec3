package dev.equivariance.group;

import java.util.Arrays;

/**
 * A rotation of 3-space, an element of SO(3); prints as {@code Rotation(axis=(0,0,1), angle=0.52 rad)}. Acts on
 * 3-vectors by its matrix R (a row vector x maps to x R^T).
 */
public final class Rotation implements OrthogonalMatrix {

    private static final Rotation IDENTITY = new Rotation(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});

    private final double[][] m;

    private Rotation(double[][] m) {
        this.m = m;
    }

    public static Rotation identity() {
        return IDENTITY;
    }

    /** The rotation by {@code angle} radians about {@code axis} (any non-zero length), right-hand rule. */
    public static Rotation about(double[] axis, double angle) {
        double n = axis.length != 3 ? 0 : Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        if (n == 0 || !Double.isFinite(n) || !Double.isFinite(angle)) {
            throw new IllegalArgumentException("A rotation needs a finite non-zero 3D axis and a finite angle, got "
                    + Arrays.toString(axis) + " and " + angle);
        }
        double x = axis[0] / n;
        double y = axis[1] / n;
        double z = axis[2] / n;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double t = 1 - c;
        return new Rotation(new double[][] {
            {t * x * x + c, t * x * y - s * z, t * x * z + s * y},
            {t * x * y + s * z, t * y * y + c, t * y * z - s * x},
            {t * x * z - s * y, t * y * z + s * x, t * z * z + c}});
    }

    /** The rotation of the unit quaternion (w, x, y, z) (normalised here). */
    public static Rotation ofQuaternion(double w, double x, double y, double z) {
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        if (n == 0 || !Double.isFinite(n)) {
            throw new IllegalArgumentException("A quaternion for a rotation must be finite and non-zero");
        }
        w /= n;
        x /= n;
        y /= n;
        z /= n;
        return new Rotation(new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
            {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
            {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}});
    }

    /** The rotation with matrix {@code r}; it must be orthogonal with determinant +1 (to 1e-6). */
    public static Rotation ofMatrix(double[][] r) {
        Rotation rot = new Rotation(copy(r));
        double err = 0;
        double[][] p = Matrices.multiply(r, Matrices.transpose(r));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                err = Math.max(err, Math.abs(p[i][j] - (i == j ? 1 : 0)));
            }
        }
        // determinant() is fixed at +1 for rotations, so the sign of det r is checked on r itself
        if (err > 1e-6 || Matrices.determinant3(r) <= 0) {
            throw new IllegalArgumentException("Not a rotation matrix (orthogonal, det +1): " + Arrays.deepToString(r));
        }
        return rot;
    }

    @Override
    public double[][] matrix() {
        return copy(m);
    }

    @Override
    public int determinant() {
        return 1;
    }

    /** The rotation angle in [0, pi]. */
    public double angle() {
        // atan2(sin, cos) rather than acos(cos): acos loses half the digits near 0 and pi (any rounding in
        // R R^-1 would read as an angle of 1.5e-8), while |skew part| / 2 = sin(angle) keeps them
        double c = (m[0][0] + m[1][1] + m[2][2] - 1) / 2;
        double x = m[2][1] - m[1][2];
        double y = m[0][2] - m[2][0];
        double z = m[1][0] - m[0][1];
        return Math.atan2(Math.sqrt(x * x + y * y + z * z) / 2, c);
    }

    /** The unit rotation axis (the z axis for the identity), oriented so that the angle is in [0, pi]. */
    public double[] axis() {
        double[] q = quaternion();
        double n = Math.sqrt(q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        if (n < 1e-15) {
            return new double[] {0, 0, 1};
        }
        double sign = q[0] < 0 ? -1 : 1;
        return new double[] {sign * q[1] / n, sign * q[2] / n, sign * q[3] / n};
    }

    /** The unit quaternion (w, x, y, z) with w >= 0. */
    public double[] quaternion() {
        double tr = m[0][0] + m[1][1] + m[2][2];
        double w;
        double x;
        double y;
        double z;
        if (tr > 0) {
            double s = Math.sqrt(tr + 1) * 2;
            w = s / 4;
            x = (m[2][1] - m[1][2]) / s;
            y = (m[0][2] - m[2][0]) / s;
            z = (m[1][0] - m[0][1]) / s;
        } else if (m[0][0] > m[1][1] && m[0][0] > m[2][2]) {
            double s = Math.sqrt(1 + m[0][0] - m[1][1] - m[2][2]) * 2;
            w = (m[2][1] - m[1][2]) / s;
            x = s / 4;
            y = (m[0][1] + m[1][0]) / s;
            z = (m[0][2] + m[2][0]) / s;
        } else if (m[1][1] > m[2][2]) {
            double s = Math.sqrt(1 + m[1][1] - m[0][0] - m[2][2]) * 2;
            w = (m[0][2] - m[2][0]) / s;
            x = (m[0][1] + m[1][0]) / s;
            y = s / 4;
            z = (m[1][2] + m[2][1]) / s;
        } else {
            double s = Math.sqrt(1 + m[2][2] - m[0][0] - m[1][1]) * 2;
            w = (m[1][0] - m[0][1]) / s;
            x = (m[0][2] + m[2][0]) / s;
            y = (m[1][2] + m[2][1]) / s;
            z = s / 4;
        }
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        double sign = w < 0 ? -1 : 1;
        return new double[] {sign * w / n, sign * x / n, sign * y / n, sign * z / n};
    }

    @Override
    public Rotation compose(GroupElement other) {
        if (!(other instanceof Rotation r)) {
            throw new IllegalArgumentException("Cannot compose " + this + " with " + other);
        }
        return new Rotation(Matrices.multiply(m, r.m));
    }

    @Override
    public Rotation inverse() {
        return new Rotation(Matrices.transpose(m));
    }

    @Override
    public boolean isIdentity() {
        return angle() < 1e-12;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rotation r && Arrays.deepEquals(m, r.m);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(m);
    }

    @Override
    public String toString() {
        if (isIdentity()) {
            return "Rotation(identity)";
        }
        return "Rotation(axis=" + Angles.formatAxis(axis()) + ", angle=" + Angles.format(angle()) + " rad)";
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
