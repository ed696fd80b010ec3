package dev.equivariance.group;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An element of E(3) (of SE(3) when it has no inversion): the rigid motion {@code p -> L p + t} with an O(3) part
 * {@code L} and a translation {@code t}. A row of points transforms as {@code x -> x L^T + t}.
 *
 * <p>Prints as {@code (Rotation(axis=(0,0,1), angle=0.52 rad), shift=(0.10,-0.30,0.00))}. Its
 * {@link #part(Class) part} of type {@link OrthogonalMatrix}, {@link OrthogonalTransform} or {@link Rotation} is the
 * linear part, so vector, pseudovector and irreps actions work unchanged and ignore the translation (directions
 * and gradients do not move when the origin does); the {@code position} action adds the translation.
 */
public final class EuclideanTransform implements GroupElement {

    private static final EuclideanTransform IDENTITY =
            new EuclideanTransform(OrthogonalTransform.rotation(Rotation.identity()), new double[3]);

    private final OrthogonalTransform linear;
    private final double[] shift;

    private EuclideanTransform(OrthogonalTransform linear, double[] shift) {
        this.linear = Objects.requireNonNull(linear);
        this.shift = shift;
    }

    public static EuclideanTransform identity() {
        return IDENTITY;
    }

    /** The motion {@code p -> L p + shift}. */
    public static EuclideanTransform of(OrthogonalTransform linear, double... shift) {
        return new EuclideanTransform(linear, checkedShift(shift));
    }

    /** The proper motion {@code p -> R p + shift}. */
    public static EuclideanTransform of(Rotation rotation, double... shift) {
        return of(OrthogonalTransform.rotation(rotation), shift);
    }

    /** The pure translation {@code p -> p + shift}. */
    public static EuclideanTransform translation(double... shift) {
        return of(OrthogonalTransform.rotation(Rotation.identity()), shift);
    }

    private static double[] checkedShift(double[] shift) {
        if (shift == null || shift.length != 3 || !Arrays.stream(shift).allMatch(Double::isFinite)) {
            throw new IllegalArgumentException("A translation of 3-space needs three finite components, got "
                    + Arrays.toString(shift));
        }
        double[] t = shift.clone();
        for (int i = 0; i < 3; i++) {
            t[i] = t[i] == 0 ? 0 : t[i];   // -0.0 prints and compares like 0
        }
        return t;
    }

    /** The linear part L (a rotation, possibly followed by the inversion). */
    public OrthogonalTransform linear() {
        return linear;
    }

    /** The translation t, a fresh copy. */
    public double[] shift() {
        return shift.clone();
    }

    /** Whether the translation is zero (within 1e-12). */
    public boolean hasNoShift() {
        return Arrays.stream(shift).allMatch(v -> Math.abs(v) < 1e-12);
    }

    /** {@code L p + t} for one point. */
    public double[] apply(double[] point) {
        double[][] m = linear.matrix();
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = m[i][0] * point[0] + m[i][1] * point[1] + m[i][2] * point[2] + shift[i];
        }
        return out;
    }

    /** {@code (L1, t1)(L2, t2) = (L1 L2, L1 t2 + t1)}: move by the other first. */
    @Override
    public EuclideanTransform compose(GroupElement other) {
        if (!(other instanceof EuclideanTransform o)) {
            throw new IllegalArgumentException("Cannot compose " + this + " with " + other);
        }
        return new EuclideanTransform(linear.compose(o.linear), apply(o.shift));
    }

    /** {@code (L, t)^-1 = (L^-1, -L^-1 t)}. */
    @Override
    public EuclideanTransform inverse() {
        OrthogonalTransform inv = linear.inverse();
        double[][] m = inv.matrix();
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            t[i] = -(m[i][0] * shift[0] + m[i][1] * shift[1] + m[i][2] * shift[2]);
        }
        return new EuclideanTransform(inv, t);
    }

    @Override
    public boolean isIdentity() {
        return linear.isIdentity() && hasNoShift();
    }

    /** This element for its own type; otherwise the linear part's (an O(3) element, its matrix, its rotation). */
    @Override
    public <T> Optional<T> part(Class<T> type) {
        if (type.isInstance(this)) {
            return Optional.of(type.cast(this));
        }
        return linear.part(type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EuclideanTransform e && e.linear.equals(linear) && Arrays.equals(e.shift, shift);
    }

    @Override
    public int hashCode() {
        return 31 * linear.hashCode() + Arrays.hashCode(shift);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(").append(linear).append(", shift=(");
        for (int i = 0; i < 3; i++) {
            sb.append(i > 0 ? "," : "").append(format(shift[i]));
        }
        return sb.append("))").toString();
    }

    /** Two decimals, or two significant digits for small values (0.0040) so that they do not read as zero. */
    static String format(double v) {
        if (Math.abs(v) < 5e-13) {
            return "0.00";
        }
        for (int d = 2; d < 8; d++) {
            if (Math.abs(v) >= Math.pow(10, 1 - d)) {
                return Angles.fixed(v, d);
            }
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
