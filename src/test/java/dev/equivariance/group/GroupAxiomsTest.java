package dev.equivariance.group;

import static dev.equivariance.group.BuiltInGroups.distance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import dev.equivariance.testing.RandomElements;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The group axioms, checked on 50 seeded random elements of every built-in group. */
class GroupAxiomsTest {

    private static final int SAMPLES = 50;
    private static final double TOL = 1e-12;

    static Stream<Named<Group<?>>> groups() {
        return BuiltInGroups.named();
    }

    @ParameterizedTest
    @MethodSource("groups")
    void identity_isIdentity(Group<?> group) {
        assertThat(group.identity().isIdentity()).isTrue();
        assertThat(group.identity().inverse().isIdentity()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("groups")
    void identity_isNeutralOnBothSides(Group<?> group) {
        GroupElement e = group.identity();
        for (GroupElement a : RandomElements.draw(group, SAMPLES, 42)) {
            assertThat(distance(e.compose(a), a)).as("e∘a = a for a = %s", a).isLessThanOrEqualTo(TOL);
            assertThat(distance(a.compose(e), a)).as("a∘e = a for a = %s", a).isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest
    @MethodSource("groups")
    void composeWithInverse_isIdentity(Group<?> group) {
        for (GroupElement a : RandomElements.draw(group, SAMPLES, 42)) {
            assertThat(a.compose(a.inverse()).isIdentity()).as("a∘a⁻¹ is the identity for a = %s", a).isTrue();
            assertThat(a.inverse().compose(a).isIdentity()).as("a⁻¹∘a is the identity for a = %s", a).isTrue();
            assertThat(distance(a.compose(a.inverse()), group.identity())).isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest
    @MethodSource("groups")
    void inverseOfInverse_isTheElement(Group<?> group) {
        for (GroupElement a : RandomElements.draw(group, SAMPLES, 43)) {
            assertThat(distance(a.inverse().inverse(), a)).as("(a⁻¹)⁻¹ = a for a = %s", a)
                    .isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest
    @MethodSource("groups")
    void composition_isAssociative(Group<?> group) {
        SplittableRandom rng = new SplittableRandom(42);
        for (int i = 0; i < SAMPLES; i++) {
            GroupElement a = group.random(rng);
            GroupElement b = group.random(rng);
            GroupElement c = group.random(rng);
            assertThat(distance(a.compose(b).compose(c), a.compose(b.compose(c))))
                    .as("(ab)c = a(bc) for a = %s, b = %s, c = %s", a, b, c).isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest
    @MethodSource("groups")
    void inverseOfProduct_isProductOfInversesReversed(Group<?> group) {
        SplittableRandom rng = new SplittableRandom(44);
        for (int i = 0; i < SAMPLES; i++) {
            GroupElement a = group.random(rng);
            GroupElement b = group.random(rng);
            assertThat(distance(a.compose(b).inverse(), b.inverse().compose(a.inverse())))
                    .as("(ab)⁻¹ = b⁻¹a⁻¹ for a = %s, b = %s", a, b).isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest
    @MethodSource("groups")
    void sampling_isReproducibleFromTheSeed(Group<?> group) {
        List<GroupElement> first = RandomElements.draw(group, 10, 7);
        List<GroupElement> second = RandomElements.draw(group, 10, 7);
        assertThat(first).isEqualTo(second);
    }

    @ParameterizedTest
    @MethodSource("groups")
    void randomElements_areNotAllTheIdentity(Group<?> group) {
        assertThat(RandomElements.draw(group, SAMPLES, 42)).anyMatch(a -> !a.isIdentity());
    }

    @ParameterizedTest
    @MethodSource("groups")
    void generatorsAndEdgeCases_composeWithRandomElements(Group<?> group) {
        List<GroupElement> special = new ArrayList<>();
        special.addAll(group.generators());
        special.addAll(group.edgeCases());
        assertThat(group.edgeCases().get(0).isIdentity()).as("edge cases start with the identity").isTrue();
        for (GroupElement s : special) {
            assertThat(group.elementType()).as("element type of %s", s).isInstanceOf(Class.class);
            assertThat(group.elementType().isInstance(s)).as("%s is a %s", s, group.elementType()).isTrue();
            for (GroupElement a : RandomElements.draw(group, 5, 45)) {
                assertThat(a.compose(s).compose(s.inverse()).compose(a.inverse()).isIdentity())
                        .as("a s s⁻¹ a⁻¹ = e for s = %s", s).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("groups")
    void randomElements_haveTheGroupsElementType(Group<?> group) {
        for (GroupElement a : RandomElements.draw(group, SAMPLES, 46)) {
            assertThat(group.elementType().isInstance(a)).isTrue();
            assertThat(group.elementType().isInstance(a.inverse())).isTrue();
            assertThat(group.elementType().isInstance(a.compose(a))).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("groups")
    void elements_printReadably(Group<?> group) {
        for (GroupElement a : RandomElements.draw(group, SAMPLES, 42)) {
            String s = a.toString();
            assertThat(s).as("toString of a %s element", group.name())
                    .doesNotContain("@").doesNotContain("[D").doesNotContain("[I").doesNotContain("NaN")
                    .hasSizeLessThan(120);
        }
        assertThat(group.identity().toString()).doesNotContain("@");
    }

    static Stream<Arguments> readableForms() {
        return Stream.of(
                Arguments.of(Groups.symmetric(5), "Permutation\\[( ?[0-4]){5}\\]"),
                Arguments.of(Groups.translations(6), "Translation\\(-?[0-3]\\)"),
                Arguments.of(Groups.translations(4, 5), "Translation\\(-?[0-2], -?[0-2]\\)"),
                Arguments.of(Groups.c4(), "Rot90\\(k=[0-3]\\)"),
                Arguments.of(Groups.d4(), "Rot90\\(k=[0-3]\\)|Flip|Rot90\\(k=[1-3]\\)·Flip"),
                Arguments.of(Groups.parse("C8"), "Rotation\\([0-7]/8 turn, (0|45|90|135|180|225|270|315)°\\)"),
                Arguments.of(Groups.parse("C5"), "Rotation\\([0-4]/5 turn, (0|72|144|216|288)°\\)"),
                Arguments.of(Groups.parse("C3"), "Rotation\\([0-2]/3 turn, (0|120|240)°\\)"),
                Arguments.of(Groups.parse("D8"),
                        "Rotation\\([0-7]/8 turn, \\d+°\\)|Flip|Rotation\\([1-7]/8 turn, \\d+°\\)·Flip"),
                Arguments.of(Groups.parse("D(96)"),
                        "(Rotation\\(\\d+/96 turn, \\d+(\\.\\d\\d)?°\\)(·Flip)?)|Flip"),
                Arguments.of(Groups.so2(), "PlanarRotation\\(angle=-?\\d\\.\\d{2,8} rad\\)"),
                Arguments.of(Groups.o2(), "(PlanarRotation\\(angle=-?\\d\\.\\d{2,8} rad\\)(·Reflection\\(y->-y\\))?)"
                        + "|Reflection\\(y->-y\\)"),
                Arguments.of(Groups.so3(), ROTATION),
                Arguments.of(Groups.o3(), "(Inversion·)?" + ROTATION),
                Arguments.of(Groups.product(Groups.so3(), Groups.symmetric(4)),
                        "\\(" + ROTATION + ", Permutation\\[( ?[0-3]){4}\\]\\)"),
                Arguments.of(Groups.se3(), MOTION),
                Arguments.of(Groups.e3(), "\\((Inversion·)?" + ROTATION + ", " + SHIFT + "\\)"),
                Arguments.of(Groups.product(Groups.e3(), Groups.symmetric(4)),
                        "\\(\\((Inversion·)?" + ROTATION + ", " + SHIFT + "\\), Permutation\\[( ?[0-3]){4}\\]\\)"));
    }

    private static final String NUM = "-?\\d(\\.\\d{2})?";
    private static final String ROTATION = "Rotation\\(axis=\\(" + NUM + "," + NUM + "," + NUM
            + "\\), angle=\\d\\.\\d{2,8} rad\\)";
    private static final String COMPONENT = "-?\\d+\\.\\d{2,7}";
    private static final String SHIFT = "shift=\\(" + COMPONENT + "," + COMPONENT + "," + COMPONENT + "\\)";
    private static final String MOTION = "\\(" + ROTATION + ", " + SHIFT + "\\)";

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableForms")
    void randomElements_printInTheDocumentedForm(Group<?> group, String regex) {
        for (GroupElement a : RandomElements.draw(group, SAMPLES, 42)) {
            assertThat(a.toString()).matches(regex);
        }
    }

    @ParameterizedTest
    @MethodSource("groups")
    void parsingTheName_givesTheSameGroup(Group<?> group) {
        Group<?> parsed = Groups.parse(group.name());
        assertThat(parsed.name()).isEqualTo(group.name());
        assertThat(parsed.elementType()).isEqualTo(group.elementType());
        assertThat(distance(parsed.identity(), group.identity())).isZero();
    }

    @ParameterizedTest
    @MethodSource("groups")
    void orthogonalElements_composeLikeTheirMatrices(Group<?> group) {
        SplittableRandom rng = new SplittableRandom(47);
        for (int i = 0; i < SAMPLES; i++) {
            GroupElement a = group.random(rng);
            GroupElement b = group.random(rng);
            if (!(a instanceof OrthogonalMatrix ma) || !(b instanceof OrthogonalMatrix mb)) {
                return; // permutations, translations and products have no single matrix
            }
            OrthogonalMatrix ab = (OrthogonalMatrix) a.compose(b);
            assertThat(Matrices.maxAbsDifference(ab.matrix(), Matrices.multiply(ma.matrix(), mb.matrix())))
                    .as("M(ab) = M(a) M(b) for a = %s, b = %s", a, b).isLessThanOrEqualTo(TOL);
            double[][] m = ma.matrix();
            assertThat(Matrices.maxAbsDifference(Matrices.multiply(m, Matrices.transpose(m)),
                    Matrices.identity(m.length))).as("M(a) is orthogonal").isLessThanOrEqualTo(TOL);
            assertThat(Matrices.maxAbsDifference(((OrthogonalMatrix) a.inverse()).matrix(), Matrices.transpose(m)))
                    .as("M(a⁻¹) = M(a)ᵀ").isLessThanOrEqualTo(TOL);
            assertThat(ma.determinant()).isEqualTo(determinant(m) < 0 ? -1 : 1);
        }
    }

    static double determinant(double[][] m) {
        return m.length == 2 ? m[0][0] * m[1][1] - m[0][1] * m[1][0]
                : m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    @ParameterizedTest
    @MethodSource("groups")
    void composingWithAnElementOfAnotherGroup_isRejected(Group<?> group) {
        GroupElement a = group.random(new SplittableRandom(1));
        GroupElement foreign = group instanceof SymmetricGroup ? Groups.c4().random(new SplittableRandom(1))
                : Permutation.identity(5);
        assertThatThrownBy(() -> a.compose(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot compose");
    }
}
