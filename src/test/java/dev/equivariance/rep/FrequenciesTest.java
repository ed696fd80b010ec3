package dev.equivariance.rep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Groups;
import dev.equivariance.group.Matrices;
import dev.equivariance.group.OrthogonalMatrix;
import dev.equivariance.group.PlanarRotation;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Irreps of SO(2) and O(2) by frequency: syntax, the matrices, and that they are representations. */
class FrequenciesTest {

    private static final double TOL = 1e-12;

    @Test
    void parse_readsMultiplicitiesAndFrequencies() {
        Frequencies f = Frequencies.parse("2x0 + 1x1 + 1x2");
        assertThat(f).hasToString("2x0 + 1x1 + 1x2");
        assertThat(f.dim()).isEqualTo(6);
        assertThat(Frequencies.parse("0e+3+1x0o")).hasToString("1x0 + 1x3 + 1x0o");
        assertThat(Frequencies.parse("0e+3+1x0o").dim()).isEqualTo(4);
        assertThat(Frequencies.parse("2x0 + 1x1").terms()).containsExactly(
                new Frequencies.MulFrequency(2, 0, false), new Frequencies.MulFrequency(1, 1, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2x0 + 1x1o", "1x2e"})
    void aParityOnANonZeroFrequency_isRejectedWithTheReason(String text) {
        assertThatThrownBy(() -> Frequencies.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only frequency 0 takes a parity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2x0 + 1xa", "2x0 +", "1.5", "x1"})
    void badTerm_isNamedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> Frequencies.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad frequencies term").hasMessageContaining("MULxK");
    }

    @Test
    void frequencyK_turnsByKTimesTheAngle() {
        PlanarRotation g = PlanarRotation.of(0.3);
        double[][] d = Frequencies.irrep(3, false, g);
        assertThat(d[0]).containsExactly(new double[] {Math.cos(0.9), -Math.sin(0.9)}, within(TOL));
        assertThat(d[1]).containsExactly(new double[] {Math.sin(0.9), Math.cos(0.9)}, within(TOL));
    }

    @Test
    void frequencyOne_isTheElementsOwnMatrix() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int t = 0; t < 20; t++) {
            PlanarRotation g = Groups.o2().random(rng);
            assertThat(Frequencies.irrep(1, false, g)).isDeepEqualTo(g.matrix());
        }
    }

    @Test
    void reflections_actByTheRotationTimesDiagOneMinusOne() {
        // g = R(theta) F with F = diag(1, -1): frequency k acts as R(k theta) F
        PlanarRotation g = PlanarRotation.reflectionThenRotation(0.3);
        double[][] d = Frequencies.irrep(2, false, g);
        double[][] expected = Matrices.multiply(Frequencies.irrep(2, false, PlanarRotation.of(0.3)),
                new double[][] {{1, 0}, {0, -1}});
        assertThat(Matrices.maxAbsDifference(d, expected)).isLessThanOrEqualTo(TOL);
    }

    @Test
    void frequencyZero_isTrivialAndItsOddVersionIsTheSignOfReflections() {
        assertThat(Frequencies.irrep(0, false, PlanarRotation.reflectionThenRotation(1))).isDeepEqualTo(
                new double[][] {{1}});
        assertThat(Frequencies.irrep(0, true, PlanarRotation.reflectionThenRotation(1))).isDeepEqualTo(
                new double[][] {{-1}});
        assertThat(Frequencies.irrep(0, true, PlanarRotation.of(1))).isDeepEqualTo(new double[][] {{1}});
    }

    @Test
    void threeDimensionalElements_areRejectedWithAHintAtIrreps() {
        assertThatThrownBy(() -> Frequencies.parse("1x1").matrix(Groups.so3().identity()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("O(2)")
                .hasMessageContaining("irreps");
    }

    static Stream<Group<?>> planarGroups() {
        return Stream.of(Groups.so2(), Groups.o2(), Groups.c4(), Groups.d4());
    }

    @ParameterizedTest
    @MethodSource("planarGroups")
    void everyFrequency_isARepresentationByOrthogonalMatrices(Group<?> group) {
        Frequencies f = Frequencies.parse("1x0 + 1x0o + 2x1 + 1x2 + 1x5");
        SplittableRandom rng = new SplittableRandom(2);
        for (int t = 0; t < 30; t++) {
            GroupElement a = group.random(rng);
            GroupElement b = group.random(rng);
            double[][] da = f.matrix(a);
            assertThat(Matrices.maxAbsDifference(f.matrix(a.compose(b)), Matrices.multiply(da, f.matrix(b))))
                    .as("rho(ab) = rho(a) rho(b) for a = %s, b = %s", a, b).isLessThanOrEqualTo(TOL);
            assertThat(Matrices.maxAbsDifference(Matrices.multiply(da, Matrices.transpose(da)),
                    Matrices.identity(f.dim()))).isLessThanOrEqualTo(TOL);
        }
        assertThat(Matrices.maxAbsDifference(f.matrix(group.identity()), Matrices.identity(f.dim())))
                .isLessThanOrEqualTo(TOL);
    }

    @Test
    void matrixOfAnElement_usesItsOrthogonalPart() {
        OrthogonalMatrix g = PlanarRotation.of(0.5);
        assertThat(Frequencies.parse("1x1").matrix(g)).isDeepEqualTo(g.matrix());
    }
}
