package dev.equivariance.group;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** O(3): rotations and the inversion x -> -x (parity), Haar-sampled with a fair coin for the inversion. */
public final class OrthogonalGroup implements Group<OrthogonalTransform>, LieGroup<OrthogonalTransform> {

    private final RotationGroup rotations = new RotationGroup();

    @Override
    public String name() {
        return "O(3)";
    }

    /** The three rotation generators of SO(3); the inversion is not in the Lie algebra. */
    @Override
    public List<String> generatorNames() {
        return RotationGroup.AXIS_GENERATORS;
    }

    @Override
    public OrthogonalTransform exp(int generator, double t) {
        return OrthogonalTransform.rotation(rotations.exp(generator, t));
    }

    @Override
    public OrthogonalTransform identity() {
        return OrthogonalTransform.rotation(Rotation.identity());
    }

    @Override
    public List<OrthogonalTransform> generators() {
        List<OrthogonalTransform> gens = new ArrayList<>();
        rotations.generators().forEach(r -> gens.add(OrthogonalTransform.rotation(r)));
        gens.add(OrthogonalTransform.inversion());
        return gens;
    }

    @Override
    public OrthogonalTransform random(RandomGenerator rng) {
        Rotation r = rotations.random(rng);
        return OrthogonalTransform.of(r, rng.nextBoolean());
    }

    /** The SO(3) edge cases, the inversion, and the mirror z -> -z (inversion after a half turn about z). */
    @Override
    public List<OrthogonalTransform> edgeCases() {
        List<OrthogonalTransform> cases = new ArrayList<>();
        List<Rotation> rot = rotations.edgeCases();
        cases.add(OrthogonalTransform.rotation(rot.get(0)));
        cases.add(OrthogonalTransform.inversion());
        for (int i = 1; i < rot.size(); i++) {
            cases.add(OrthogonalTransform.rotation(rot.get(i)));
        }
        cases.add(OrthogonalTransform.of(Rotation.about(RotationGroup.AXES[2], Math.PI), true));
        return cases;
    }

    @Override
    public Class<OrthogonalTransform> elementType() {
        return OrthogonalTransform.class;
    }

    /** Drops the inversion or the rotation, then shrinks the rotation as in SO(3). */
    @Override
    public List<OrthogonalTransform> simplerThan(OrthogonalTransform element) {
        List<OrthogonalTransform> out = new ArrayList<>();
        Rotation r = element.rotationPart();
        if (element.hasInversion()) {
            if (!r.isIdentity()) {
                out.add(OrthogonalTransform.inversion());
                out.add(OrthogonalTransform.rotation(r));
            }
        }
        for (Rotation s : RotationGroup.shrink(r, rotations::complexity)) {
            out.add(OrthogonalTransform.of(s, element.hasInversion()));
        }
        double c = complexity(element);
        out.removeIf(e -> e.isIdentity() || complexity(e) >= c - 1e-12);
        return out;
    }

    @Override
    public double complexity(OrthogonalTransform element) {
        double rot = element.rotationPart().isIdentity() ? 0 : rotations.complexity(element.rotationPart());
        return rot + (element.hasInversion() ? 0.5 : 0);
    }

    @Override
    public String toString() {
        return name();
    }
}
