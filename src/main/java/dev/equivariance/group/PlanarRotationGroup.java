package dev.equivariance.group;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** SO(2) (planar rotations) or O(2) (rotations and reflections), with uniform angles. */
public final class PlanarRotationGroup implements Group<PlanarRotation>, LieGroup<PlanarRotation> {

    private final boolean withReflections;

    private PlanarRotationGroup(boolean withReflections) {
        this.withReflections = withReflections;
    }

    public static PlanarRotationGroup so2() {
        return new PlanarRotationGroup(false);
    }

    public static PlanarRotationGroup o2() {
        return new PlanarRotationGroup(true);
    }

    public boolean hasReflections() {
        return withReflections;
    }

    @Override
    public String name() {
        return withReflections ? "O(2)" : "SO(2)";
    }

    @Override
    public PlanarRotation identity() {
        return PlanarRotation.of(0);
    }

    @Override
    public List<PlanarRotation> generators() {
        return withReflections ? List.of(PlanarRotation.of(Math.PI / 2), PlanarRotation.reflectionThenRotation(0))
                : List.of(PlanarRotation.of(Math.PI / 2));
    }

    @Override
    public PlanarRotation random(RandomGenerator rng) {
        double angle = (rng.nextDouble() * 2 - 1) * Math.PI;
        return withReflections && rng.nextBoolean() ? PlanarRotation.reflectionThenRotation(angle)
                : PlanarRotation.of(angle);
    }

    @Override
    public List<PlanarRotation> edgeCases() {
        List<PlanarRotation> cases = new ArrayList<>();
        cases.add(identity());
        if (withReflections) {
            cases.add(PlanarRotation.reflectionThenRotation(0));
        }
        cases.add(PlanarRotation.of(Math.PI / 2));
        cases.add(PlanarRotation.of(-Math.PI / 2));
        cases.add(PlanarRotation.of(Math.PI));
        cases.add(PlanarRotation.of(Math.PI / 4));
        if (withReflections) {
            cases.add(PlanarRotation.reflectionThenRotation(Math.PI / 2));
        }
        return cases;
    }

    @Override
    public Class<PlanarRotation> elementType() {
        return PlanarRotation.class;
    }

    /** Drops the reflection or the rotation, then moves the angle toward nice values and toward zero. */
    @Override
    public List<PlanarRotation> simplerThan(PlanarRotation element) {
        List<PlanarRotation> out = new ArrayList<>();
        double a = element.angle();
        if (element.reflected() && Math.abs(a) > 1e-12) {
            out.add(PlanarRotation.reflectionThenRotation(0));
            out.add(PlanarRotation.of(a));
        }
        for (double mag : Angles.shrinkMagnitudes(Math.abs(a))) {
            double signed = Math.copySign(mag, a);
            out.add(element.reflected() ? PlanarRotation.reflectionThenRotation(signed) : PlanarRotation.of(signed));
            if (a < 0) {
                out.add(element.reflected() ? PlanarRotation.reflectionThenRotation(mag) : PlanarRotation.of(mag));
            }
        }
        double c = complexity(element);
        out.removeIf(e -> e.isIdentity() || complexity(e) >= c - 1e-12);
        return out;
    }

    @Override
    public double complexity(PlanarRotation element) {
        double a = element.angle();
        double rot = Math.abs(a) < 1e-12 ? 0 : Angles.complexity(a) + (a < 0 ? 0.001 : 0);
        return rot + (element.reflected() ? 0.5 : 0);
    }

    /** One generator: the rotation in the plane (counter-clockwise); O(2)'s reflection is not in its Lie algebra. */
    @Override
    public List<String> generatorNames() {
        return List.of("rotation in the plane");
    }

    @Override
    public PlanarRotation exp(int generator, double t) {
        java.util.Objects.checkIndex(generator, 1);
        return PlanarRotation.of(t);
    }

    @Override
    public String toString() {
        return name();
    }
}
