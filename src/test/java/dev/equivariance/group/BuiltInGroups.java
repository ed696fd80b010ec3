package dev.equivariance.group;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The built-in groups the group tests run over, and an element distance that suits each of them. */
final class BuiltInGroups {

    private BuiltInGroups() {
    }

    /** Every built-in group with more than one element (C1 is checked on its own: all its elements are e). */
    static List<Group<?>> all() {
        return List.of(
                Groups.symmetric(5),
                Groups.translations(6),
                Groups.translations(4, 5),
                Groups.c4(),
                Groups.d4(),
                Groups.parse("C2"),
                Groups.parse("C3"),
                Groups.parse("C5"),
                Groups.parse("C8"),
                Groups.parse("C(16)"),
                Groups.parse("D1"),
                Groups.parse("D2"),
                Groups.parse("D3"),
                Groups.parse("D5"),
                Groups.parse("D8"),
                Groups.parse("D(96)"),
                Groups.so2(),
                Groups.o2(),
                Groups.so3(),
                Groups.o3(),
                Groups.se3(),
                Groups.e3(),
                Groups.product(Groups.so3(), Groups.symmetric(4)),
                Groups.product(Groups.e3(), Groups.symmetric(4)));
    }

    /** Each group as a named JUnit argument, so reports read "S(5)", "SO(3) x S(4)", ... */
    static Stream<Named<Group<?>>> named() {
        return all().stream().map(g -> Named.of(g.name(), g));
    }

    /**
     * How far apart two elements are: the largest entry of the matrix difference for continuous groups (their
     * elements are compared within round-off; for E(3) also of the translation difference), and 0 or infinity
     * (equal or not) for discrete ones.
     */
    static double distance(GroupElement a, GroupElement b) {
        if (a instanceof ProductElement pa && b instanceof ProductElement pb) {
            if (pa.factors().size() != pb.factors().size()) {
                return Double.POSITIVE_INFINITY;
            }
            double d = 0;
            for (int i = 0; i < pa.factors().size(); i++) {
                d = Math.max(d, distance(pa.factor(i), pb.factor(i)));
            }
            return d;
        }
        if (a instanceof EuclideanTransform ea && b instanceof EuclideanTransform eb) {
            double d = distance(ea.linear(), eb.linear());
            for (int i = 0; i < 3; i++) {
                d = Math.max(d, Math.abs(ea.shift()[i] - eb.shift()[i]));
            }
            return d;
        }
        if (isContinuous(a) && isContinuous(b)) {
            OrthogonalMatrix ma = (OrthogonalMatrix) a;
            OrthogonalMatrix mb = (OrthogonalMatrix) b;
            if (ma.matrix().length != mb.matrix().length) {
                return Double.POSITIVE_INFINITY;
            }
            return Matrices.maxAbsDifference(ma.matrix(), mb.matrix());
        }
        return a.equals(b) ? 0 : Double.POSITIVE_INFINITY;
    }

    private static boolean isContinuous(GroupElement e) {
        return e instanceof Rotation || e instanceof OrthogonalTransform || e instanceof PlanarRotation;
    }

    /** Unchecked bridge from a wildcard group to its element type. */
    @SuppressWarnings("unchecked")
    static <E extends GroupElement> Group<E> typed(Group<?> g) {
        return (Group<E>) g;
    }
}
