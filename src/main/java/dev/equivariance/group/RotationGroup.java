package dev.equivariance.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** SO(3), the rotations of 3-space, sampled from the Haar measure (uniform random unit quaternions). */
public final class RotationGroup implements Group<Rotation>, LieGroup<Rotation> {

    static final double[][] AXES = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

    @Override
    public String name() {
        return "SO(3)";
    }

    @Override
    public Rotation identity() {
        return Rotation.identity();
    }

    @Override
    public List<Rotation> generators() {
        return List.of(Rotation.about(AXES[0], Math.PI / 2), Rotation.about(AXES[1], Math.PI / 2),
                Rotation.about(AXES[2], Math.PI / 2));
    }

    @Override
    public Rotation random(RandomGenerator rng) {
        return Rotation.ofQuaternion(rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian());
    }

    /** Identity, quarter and half turns about x, y and z, a third of a turn about the diagonal. */
    @Override
    public List<Rotation> edgeCases() {
        List<Rotation> cases = new ArrayList<>();
        cases.add(identity());
        for (double[] axis : AXES) {
            cases.add(Rotation.about(axis, Math.PI / 2));
        }
        for (double[] axis : AXES) {
            cases.add(Rotation.about(axis, Math.PI));
        }
        cases.add(Rotation.about(new double[] {1, 1, 1}, 2 * Math.PI / 3));
        return cases;
    }

    @Override
    public Class<Rotation> elementType() {
        return Rotation.class;
    }

    /**
     * Shrinks toward a small rotation about a coordinate axis: the same angle about the nearest coordinate axes,
     * then nice angles below the current one, then angles closing in on it from below.
     */
    @Override
    public List<Rotation> simplerThan(Rotation element) {
        return shrink(element, this::complexity);
    }

    static List<Rotation> shrink(Rotation element, java.util.function.ToDoubleFunction<Rotation> complexity) {
        if (element.isIdentity()) {
            return List.of();
        }
        double angle = element.angle();
        double[] axis = element.axis();
        Set<Rotation> out = new LinkedHashSet<>();
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> -Math.abs(axis[i])));
        for (int i : order) {
            double[] a = AXES[i].clone();
            a[i] = Math.signum(axis[i]) == 0 ? 1 : Math.signum(axis[i]);
            out.add(Rotation.about(a, angle));
        }
        for (double mag : Angles.shrinkMagnitudes(angle)) {
            out.add(Rotation.about(axis, mag));
        }
        List<Rotation> list = new ArrayList<>(out);
        double c = complexity.applyAsDouble(element);
        list.removeIf(r -> r.isIdentity() || complexity.applyAsDouble(r) >= c - 1e-12);
        return list;
    }

    /** The angle (with a bonus for nice angles), plus how far the axis is from a coordinate axis. */
    @Override
    public double complexity(Rotation element) {
        double[] axis = element.axis();
        double maxComponent = Math.max(Math.abs(axis[0]), Math.max(Math.abs(axis[1]), Math.abs(axis[2])));
        return Angles.complexity(element.angle()) + 0.1 * (1 - maxComponent);
    }

    /** Three generators: rotations about x, y and z. */
    @Override
    public List<String> generatorNames() {
        return AXIS_GENERATORS;
    }

    static final List<String> AXIS_GENERATORS = List.of("rotation about x", "rotation about y", "rotation about z");

    @Override
    public Rotation exp(int generator, double t) {
        return Rotation.about(AXES[java.util.Objects.checkIndex(generator, 3)], t);
    }

    @Override
    public String toString() {
        return name();
    }
}
