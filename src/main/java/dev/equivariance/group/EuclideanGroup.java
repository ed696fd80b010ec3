package dev.equivariance.group;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * E(3), the rigid motions of 3-space with reflections (rotations, the inversion and translations), or SE(3), the
 * proper ones (rotations and translations).
 *
 * <p>Random elements: a Haar-distributed rotation (with a fair coin for the inversion in E(3)) and a translation
 * whose three components are independent Gaussians with standard deviation {@link #TRANSLATION_SCALE}, the scale
 * of the generated inputs (standard normal values).
 */
public final class EuclideanGroup implements Group<EuclideanTransform>, LieGroup<EuclideanTransform> {

    /** The standard deviation of each component of a random translation. */
    public static final double TRANSLATION_SCALE = 1.0;

    /** Shift lengths people recognise, smallest first. */
    private static final double[] NICE_SHIFTS = {0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10};

    /** Fractions of a shift that close in on a threshold from below. */
    private static final double[] FRACTIONS = {0.5, 0.75, 0.9, 0.97, 0.99, 0.997, 0.999};

    /** Shifts shrink down to this length and no further. */
    private static final double SMALLEST_SHIFT = 0.01;

    private final boolean withInversion;
    private final RotationGroup rotations = new RotationGroup();
    private final OrthogonalGroup orthogonal = new OrthogonalGroup();

    private EuclideanGroup(boolean withInversion) {
        this.withInversion = withInversion;
    }

    /** E(3): rotations, the inversion and translations. */
    public static EuclideanGroup e3() {
        return new EuclideanGroup(true);
    }

    /** SE(3): rotations and translations. */
    public static EuclideanGroup se3() {
        return new EuclideanGroup(false);
    }

    /** Whether improper elements (the inversion, mirrors) belong to the group. */
    public boolean hasInversion() {
        return withInversion;
    }

    @Override
    public String name() {
        return withInversion ? "E(3)" : "SE(3)";
    }

    /** Six generators: rotations about x, y and z, then translations along x, y and z. */
    @Override
    public List<String> generatorNames() {
        List<String> names = new ArrayList<>(RotationGroup.AXIS_GENERATORS);
        names.addAll(List.of("translation along x", "translation along y", "translation along z"));
        return names;
    }

    @Override
    public EuclideanTransform exp(int generator, double t) {
        java.util.Objects.checkIndex(generator, 6);
        if (generator < 3) {
            return EuclideanTransform.of(rotations.exp(generator, t), 0, 0, 0);
        }
        double[] shift = new double[3];
        shift[generator - 3] = t;
        return EuclideanTransform.translation(shift);
    }

    @Override
    public EuclideanTransform identity() {
        return EuclideanTransform.identity();
    }

    /** Quarter turns about x, y and z, the inversion (E(3) only) and unit shifts along x, y and z. */
    @Override
    public List<EuclideanTransform> generators() {
        List<EuclideanTransform> gens = new ArrayList<>();
        for (Rotation r : rotations.generators()) {
            gens.add(EuclideanTransform.of(r, 0, 0, 0));
        }
        if (withInversion) {
            gens.add(EuclideanTransform.of(OrthogonalTransform.inversion(), 0, 0, 0));
        }
        gens.addAll(unitShifts(1));
        return gens;
    }

    private static List<EuclideanTransform> unitShifts(double sign) {
        List<EuclideanTransform> out = new ArrayList<>();
        for (double[] axis : RotationGroup.AXES) {
            out.add(EuclideanTransform.translation(sign * axis[0], sign * axis[1], sign * axis[2]));
        }
        return out;
    }

    @Override
    public EuclideanTransform random(RandomGenerator rng) {
        OrthogonalTransform linear = withInversion ? orthogonal.random(rng)
                : OrthogonalTransform.rotation(rotations.random(rng));
        return EuclideanTransform.of(linear, TRANSLATION_SCALE * rng.nextGaussian(),
                TRANSLATION_SCALE * rng.nextGaussian(), TRANSLATION_SCALE * rng.nextGaussian());
    }

    /**
     * The identity, unit shifts along x, y and z, the inversion (E(3)), the rotation edge cases of SO(3) (quarter
     * and half turns, a third of a turn about the diagonal), a mirror (E(3)), and a screw motion (a quarter turn
     * about z with a unit shift along z).
     */
    @Override
    public List<EuclideanTransform> edgeCases() {
        Set<EuclideanTransform> cases = new LinkedHashSet<>();
        cases.add(identity());
        cases.addAll(unitShifts(1));
        if (withInversion) {
            cases.add(EuclideanTransform.of(OrthogonalTransform.inversion(), 0, 0, 0));
        }
        for (Rotation r : rotations.edgeCases()) {
            cases.add(EuclideanTransform.of(r, 0, 0, 0));
        }
        if (withInversion) {
            cases.add(EuclideanTransform.of(OrthogonalTransform.of(Rotation.about(RotationGroup.AXES[2], Math.PI),
                    true), 0, 0, 0));
        }
        cases.add(EuclideanTransform.of(Rotation.about(RotationGroup.AXES[2], Math.PI / 2), 0, 0, 1));
        return List.copyOf(cases);
    }

    @Override
    public Class<EuclideanTransform> elementType() {
        return EuclideanTransform.class;
    }

    /**
     * Drops the translation or the linear part, then shrinks the translation (toward one axis and smaller, rounder
     * lengths, closing in on a threshold from below) with the linear part kept, then the linear part as in O(3) or
     * SO(3) with the translation kept.
     */
    @Override
    public List<EuclideanTransform> simplerThan(EuclideanTransform element) {
        Set<EuclideanTransform> out = new LinkedHashSet<>();
        OrthogonalTransform linear = element.linear();
        double[] t = element.shift();
        boolean moved = !element.hasNoShift();
        if (moved && !linear.isIdentity()) {
            out.add(EuclideanTransform.of(linear, 0, 0, 0));
            out.add(EuclideanTransform.translation(t));
        }
        if (moved) {
            for (double[] s : simplerShifts(t)) {
                out.add(EuclideanTransform.of(linear, s));
            }
        }
        for (OrthogonalTransform l : withInversion ? orthogonal.simplerThan(linear) : properShrinks(linear)) {
            out.add(EuclideanTransform.of(l, t));
        }
        double c = complexity(element);
        List<EuclideanTransform> list = new ArrayList<>(out);
        list.removeIf(e -> e.isIdentity() || complexity(e) >= c - 1e-12);
        return list;
    }

    private List<OrthogonalTransform> properShrinks(OrthogonalTransform linear) {
        return rotations.simplerThan(linear.rotationPart()).stream().map(OrthogonalTransform::rotation).toList();
    }

    /**
     * Shifts toward one axis and smaller, rounder values: each non-zero component alone (largest first), each
     * component dropped (smallest first), the whole shift at one decimal; for a shift along one axis, nice lengths
     * below it and then lengths closing in on it from below (so a model broken only by shifts longer than 0.5 shrinks
     * to a shift just above 0.5).
     */
    static List<double[]> simplerShifts(double[] t) {
        List<double[]> out = new ArrayList<>();
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> -Math.abs(t[i])));
        int nonZero = 0;
        for (double v : t) {
            nonZero += Math.abs(v) >= 1e-12 ? 1 : 0;
        }
        if (nonZero > 1) {
            for (int i : order) {
                if (Math.abs(t[i]) >= 1e-12) {
                    double[] single = new double[3];
                    single[i] = t[i];
                    out.add(single);
                }
            }
            for (int k = 2; k >= 0; k--) {
                if (Math.abs(t[order[k]]) >= 1e-12) {
                    double[] dropped = t.clone();
                    dropped[order[k]] = 0;
                    out.add(dropped);
                }
            }
        } else {
            int axis = order[0];
            double v = t[axis];
            for (double nice : NICE_SHIFTS) {
                if (nice < Math.abs(v) - 1e-12) {
                    double[] s = new double[3];
                    s[axis] = Math.copySign(nice, v);
                    out.add(s);
                }
            }
            for (double f : FRACTIONS) {
                if (Math.abs(v) * f >= SMALLEST_SHIFT) {
                    double[] s = new double[3];
                    s[axis] = v * f;
                    out.add(s);
                }
            }
        }
        double[] rounded = new double[3];
        for (int i = 0; i < 3; i++) {
            rounded[i] = Math.rint(t[i] * 10) / 10;
        }
        out.add(rounded);
        return out;
    }

    /**
     * The linear part's complexity plus that of the translation: the sum of its absolute components, 0.1 for each
     * component beyond the first that is not zero, and 0.02 for each that is not a multiple of 0.1.
     */
    @Override
    public double complexity(EuclideanTransform element) {
        OrthogonalTransform linear = element.linear();
        double c = linear.isIdentity() ? 0 : orthogonal.complexity(linear);
        if (element.hasNoShift()) {
            return c;
        }
        int nonZero = 0;
        for (double v : element.shift()) {
            if (Math.abs(v) >= 1e-12) {
                nonZero++;
                c += Math.abs(v);
                if (Math.abs(v * 10 - Math.rint(v * 10)) > 1e-9) {
                    c += 0.02;
                }
            }
        }
        return c + 0.1 * (nonZero - 1);
    }

    @Override
    public String toString() {
        return name();
    }
}
