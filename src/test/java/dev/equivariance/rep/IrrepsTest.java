package dev.equivariance.rep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.group.EuclideanTransform;
import dev.equivariance.group.Groups;
import dev.equivariance.group.Matrices;
import dev.equivariance.group.OrthogonalTransform;
import dev.equivariance.group.Permutation;
import dev.equivariance.group.ProductElement;
import dev.equivariance.group.Rotation;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** e3nn irreps strings: parsing, printing, dimensions, simplification, block-diagonal matrices, errors. */
class IrrepsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4x0e + 2x1o + 1x2e | 4x0e + 2x1o + 1x2e | 15",
        "0e                 | 1x0e               | 1",
        "1o                 | 1x1o               | 3",
        "2x1e+3x0o          | 2x1e + 3x0o        | 9",
        "  10x3o +1x0e      | 10x3o + 1x0e       | 71",
        "1y + 2y            | 1x1o + 1x2e        | 8",
        "0x1o + 2x0e        | 0x1o + 2x0e        | 2"})
    void parse_readsE3nnStringsAndPrintsThemInCanonicalForm(String text, String printed, int dim) {
        Irreps irreps = Irreps.parse(text);
        assertThat(irreps).hasToString(printed);
        assertThat(irreps.dim()).isEqualTo(dim);
        assertThat(Irreps.parse(irreps.toString())).isEqualTo(irreps);
    }

    @Test
    void terms_listMultiplicityDegreeAndParityInOrder() {
        assertThat(Irreps.parse("4x0e + 2x1o + 1x2e").terms()).containsExactly(
                new Irreps.MulIrrep(4, 0, 1), new Irreps.MulIrrep(2, 1, -1), new Irreps.MulIrrep(1, 2, 1));
        assertThat(Irreps.parse("4x0e + 2x1o + 1x2e").lmax()).isEqualTo(2);
        assertThat(new Irreps.MulIrrep(2, 1, -1).dim()).isEqualTo(6);
    }

    @Test
    void simplify_mergesConsecutiveEqualIrrepsAndDropsEmptyOnes() {
        assertThat(Irreps.parse("1x0e + 2x0e + 0x1o + 1x1o + 1x1o + 1x0e").simplify())
                .hasToString("3x0e + 2x1o + 1x0e");
        assertThat(Irreps.parse("1x1o + 1x1e").simplify()).hasToString("1x1o + 1x1e");
        assertThat(Irreps.parse("0x2e").simplify().dim()).isZero();
    }

    @Test
    void scalarIrreps_areRecognisedAsInvariant() {
        assertThat(Irreps.parse("4x0e").isScalar()).isTrue();
        assertThat(Irreps.parse("4x0e + 0x1o").isScalar()).isTrue();
        assertThat(Irreps.parse("1x0o").isScalar()).isFalse();
        assertThat(Irreps.parse("1x1o").isScalar()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4x0e + 2x1q", "2x1", "x1o", "1.5x1o", "-1x1o", "4x0e 2x1o", "1o + e", "abc"})
    void badTerm_isNamedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> Irreps.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad irreps term '")
                .hasMessageContaining("in '" + text.trim() + "'")
                .hasMessageContaining("MULxLP").hasMessageContaining("e.g. \"4x0e + 2x1o + 1x2e\"");
    }

    @Test
    void badTerm_isQuotedExactly() {
        assertThatThrownBy(() -> Irreps.parse("4x0e + 2x1q + 1x2e")).hasMessageContaining("'2x1q'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4x0e + ", "+ 1o", "1o ++ 2e"})
    void strayPlus_isReportedAsAnEmptyTerm(String text) {
        assertThatThrownBy(() -> Irreps.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty term");
    }

    @Test
    void emptyString_isRejected() {
        assertThatThrownBy(() -> Irreps.parse(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No irreps given");
    }

    @Test
    void matrix_isBlockDiagonalWithOneWignerBlockPerCopy() {
        Rotation r = Groups.so3().random(new SplittableRandom(1));
        double[][] m = Irreps.parse("2x0e + 2x1o + 1x2e").matrix(r);
        assertThat(m.length).isEqualTo(13);
        assertThat(m[0][0]).isEqualTo(1);
        assertThat(m[1][1]).isEqualTo(1);
        assertThat(block(m, 2, 3)).isDeepEqualTo(r.matrix());
        assertThat(block(m, 5, 3)).isDeepEqualTo(r.matrix());
        assertThat(Matrices.maxAbsDifference(block(m, 8, 5), WignerD.of(2, r))).isZero();
        assertThat(m[2][5]).isZero();
        assertThat(m[0][2]).isZero();
    }

    @Test
    void matrix_appliesTheParityOfEachTerm() {
        double[][] m = Irreps.parse("1x0e + 1x0o + 1x1o + 1x1e").matrix(OrthogonalTransform.inversion());
        double[] diagonal = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            diagonal[i] = m[i][i];
        }
        assertThat(diagonal).containsExactly(1, -1, -1, -1, -1, 1, 1, 1);
    }

    @Test
    void matrix_ofAnEuclideanMotionOrAProduct_usesTheLinearPart() {
        Rotation r = Rotation.about(new double[] {0, 0, 1}, 0.4);
        Irreps irreps = Irreps.parse("1x1o");
        assertThat(irreps.matrix(EuclideanTransform.of(r, 1, 2, 3))).isDeepEqualTo(r.matrix());
        assertThat(irreps.matrix(ProductElement.of(List.of(EuclideanTransform.of(r, 1, 2, 3),
                Permutation.identity(3))))).isDeepEqualTo(r.matrix());
        assertThatThrownBy(() -> irreps.matrix(Permutation.identity(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need an element of O(3)");
    }

    private static double[][] block(double[][] m, int offset, int n) {
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[offset + i], offset, b[i], 0, n);
        }
        return b;
    }
}
