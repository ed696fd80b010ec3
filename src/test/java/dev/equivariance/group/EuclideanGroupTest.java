package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * E(3) and SE(3): rigid motions as (O(3) part, translation). The axioms run for them in {@link GroupAxiomsTest}
 * and {@link ShrinkingTest}; here: the action on points, edge cases, sampling, parts, printing and shrinking.
 */
class EuclideanGroupTest {

    private static final double[] Z = {0, 0, 1};

    @Test
    void composition_movesByTheRightElementFirst() {
        SplittableRandom rng = new SplittableRandom(1);
        EuclideanGroup e3 = Groups.e3();
        for (int t = 0; t < 50; t++) {
            EuclideanTransform g = e3.random(rng);
            EuclideanTransform h = e3.random(rng);
            double[] p = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            assertThat(g.compose(h).apply(p)).containsExactly(g.apply(h.apply(p)), within(1e-12));
            assertThat(g.inverse().apply(g.apply(p))).containsExactly(p, within(1e-12));
        }
    }

    @Test
    void apply_isTheLinearPartThenTheShift() {
        EuclideanTransform g = EuclideanTransform.of(Rotation.about(Z, Math.PI / 2), 1, 2, 3);
        assertThat(g.apply(new double[] {1, 0, 0})).containsExactly(new double[] {1, 3, 3}, within(1e-15));
        EuclideanTransform inversion = EuclideanTransform.of(OrthogonalTransform.inversion(), 0, 0, 1);
        assertThat(inversion.apply(new double[] {1, 2, 3})).containsExactly(new double[] {-1, -2, -2}, within(0.0));
    }

    @Test
    void edgeCases_startWithTheIdentityThenUnitShiftsAndIncludeQuarterTurnsAndTheInversion() {
        List<EuclideanTransform> cases = Groups.e3().edgeCases();
        assertThat(cases.get(0).isIdentity()).isTrue();
        assertThat(cases.subList(1, 4)).containsExactly(EuclideanTransform.translation(1, 0, 0),
                EuclideanTransform.translation(0, 1, 0), EuclideanTransform.translation(0, 0, 1));
        assertThat(cases).contains(EuclideanTransform.of(OrthogonalTransform.inversion(), 0, 0, 0));
        assertThat(cases).contains(EuclideanTransform.of(Rotation.about(Z, Math.PI / 2), 0, 0, 0));
        assertThat(cases).anyMatch(e -> !e.hasNoShift() && !e.linear().isIdentity());
    }

    @Test
    void se3_hasNoImproperElements() {
        EuclideanGroup se3 = Groups.se3();
        assertThat(se3.edgeCases()).noneMatch(e -> e.linear().hasInversion());
        assertThat(se3.generators()).noneMatch(e -> e.linear().hasInversion());
        SplittableRandom rng = new SplittableRandom(2);
        for (int t = 0; t < 100; t++) {
            assertThat(se3.random(rng).linear().hasInversion()).isFalse();
        }
        assertThat(Groups.e3().generators()).anyMatch(e -> e.linear().hasInversion());
    }

    @Test
    void randomTranslations_haveTheDocumentedScaleAndRandomElementsCoverBothCosets() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 4000;
        double sum = 0;
        double sumSq = 0;
        int inverted = 0;
        for (int t = 0; t < n; t++) {
            EuclideanTransform e = Groups.e3().random(rng);
            for (double v : e.shift()) {
                sum += v;
                sumSq += v * v;
            }
            inverted += e.linear().hasInversion() ? 1 : 0;
        }
        double mean = sum / (3 * n);
        double sd = Math.sqrt(sumSq / (3 * n) - mean * mean);
        assertThat(mean).isCloseTo(0, within(0.05));
        assertThat(sd).isCloseTo(EuclideanGroup.TRANSLATION_SCALE, within(0.05));
        assertThat(inverted).isBetween(n / 2 - 200, n / 2 + 200);
    }

    @Test
    void parts_areTheLinearPartForMatricesAndTheMotionItself() {
        Rotation r = Rotation.about(Z, 0.5);
        EuclideanTransform proper = EuclideanTransform.of(r, 1, 0, 0);
        assertThat(proper.part(OrthogonalMatrix.class)).contains(OrthogonalTransform.rotation(r));
        assertThat(proper.part(Rotation.class)).contains(r);
        assertThat(proper.part(EuclideanTransform.class)).contains(proper);
        assertThat(proper.part(Permutation.class)).isEmpty();
        EuclideanTransform improper = EuclideanTransform.of(OrthogonalTransform.of(r, true), 1, 0, 0);
        assertThat(improper.part(Rotation.class)).isEmpty();
        assertThat(improper.part(OrthogonalMatrix.class).orElseThrow().determinant()).isEqualTo(-1);
    }

    @Test
    void factorsOfE3xSn_areFoundByTheirParts() {
        EuclideanTransform motion = EuclideanTransform.of(Rotation.about(Z, 0.5), 1, 0, 0);
        ProductElement g = ProductElement.of(List.of(motion, Permutation.of(1, 0, 2)));
        assertThat(g.part(EuclideanTransform.class)).contains(motion);
        assertThat(g.part(OrthogonalMatrix.class)).contains(motion.linear());
        assertThat(g.part(Permutation.class)).contains(Permutation.of(1, 0, 2));
    }

    @Test
    void motions_printTheirLinearPartAndShift() {
        assertThat(EuclideanTransform.of(Rotation.about(Z, 0.52), 0.1, -0.3, 0))
                .hasToString("(Rotation(axis=(0,0,1), angle=0.52 rad), shift=(0.10,-0.30,0.00))");
        assertThat(EuclideanTransform.translation(1, 0, 0))
                .hasToString("(Rotation(identity), shift=(1.00,0.00,0.00))");
        assertThat(EuclideanTransform.of(OrthogonalTransform.inversion(), 0, 0, 0.004))
                .hasToString("(Inversion, shift=(0.00,0.00,0.0040))");
        assertThat(EuclideanTransform.translation(-0.0, 0, 0)).isEqualTo(EuclideanTransform.translation(0, 0, 0));
        ProductElement g = ProductElement.of(List.of(EuclideanTransform.translation(0, 2, 0), Permutation.of(1, 0)));
        assertThat(g).hasToString("((Rotation(identity), shift=(0.00,2.00,0.00)), Permutation[1 0])");
    }

    @Test
    void badShifts_areRejected() {
        assertThatThrownBy(() -> EuclideanTransform.translation(1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("three finite components");
        assertThatThrownBy(() -> EuclideanTransform.translation(1, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- shrinking ----

    @Test
    void candidates_dropTheShiftOrTheLinearPartFirst() {
        EuclideanTransform e = EuclideanTransform.of(Rotation.about(new double[] {1, 2, 3}, 1.0), 0.7, -2.3, 0.1);
        List<EuclideanTransform> c = Groups.e3().simplerThan(e);
        assertThat(c.subList(0, 2)).containsExactly(EuclideanTransform.of(e.linear(), 0, 0, 0),
                EuclideanTransform.translation(0.7, -2.3, 0.1));
        assertThat(c).contains(EuclideanTransform.of(e.linear(), 0, -2.3, 0),
                EuclideanTransform.of(e.linear(), 0.7, -2.3, 0));
    }

    @Test
    void aShiftAlongOneAxis_shrinksToNiceLengthsInTheSameDirection() {
        List<EuclideanTransform> c = Groups.e3().simplerThan(EuclideanTransform.translation(0, -2.3, 0));
        assertThat(c).contains(EuclideanTransform.translation(0, -1, 0), EuclideanTransform.translation(0, -2, 0),
                EuclideanTransform.translation(0, -0.5, 0));
        assertThat(c).allMatch(e -> e.shift()[0] == 0 && e.shift()[2] == 0 && e.shift()[1] < 0);
    }

    @Test
    void aShiftThatFailsAboveAThreshold_shrinksToOneAxisAndARoundValue() {
        // a model broken by translations of more than 0.5 along y: shrinking ends on the y axis, just above 0.5
        EuclideanGroup e3 = Groups.e3();
        Predicate<EuclideanTransform> fails = e -> Math.abs(e.shift()[1]) > 0.5;
        SplittableRandom rng = new SplittableRandom(4);
        int checked = 0;
        for (int t = 0; t < 50; t++) {
            EuclideanTransform start = e3.random(rng);
            if (!fails.test(start)) {
                continue;
            }
            EuclideanTransform end = shrink(e3, start, fails);
            double[] s = end.shift();
            assertThat(end.linear().isIdentity()).as("%s shrinks to %s", start, end).isTrue();
            assertThat(s[0]).isZero();
            assertThat(s[2]).isZero();
            assertThat(Math.abs(s[1])).as("%s shrinks to %s", start, end).isBetween(0.5, 0.7);
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void aMotionThatFailsOnlyForImproperElements_shrinksToTheInversion() {
        EuclideanGroup e3 = Groups.e3();
        EuclideanTransform start = EuclideanTransform.of(OrthogonalTransform.of(Rotation.about(new double[] {1, 2, 3},
                2.0), true), 0.3, 1.2, -0.8);
        EuclideanTransform end = shrink(e3, start, e -> e.linear().hasInversion());
        assertThat(end).isEqualTo(EuclideanTransform.of(OrthogonalTransform.inversion(), 0, 0, 0));
    }

    @Test
    void aRotationThatFailsAboveAnAngle_shrinksLikeInSO3() {
        EuclideanGroup se3 = Groups.se3();
        EuclideanTransform start = EuclideanTransform.of(Rotation.about(new double[] {0.2, 0.1, 1}, 2.0), 1, 1, 1);
        EuclideanTransform end = shrink(se3, start, e -> e.linear().rotationPart().angle() > 0.3);
        assertThat(end.hasNoShift()).isTrue();
        assertThat(end.linear().rotationPart().axis()).containsExactly(new double[] {0, 0, 1}, within(1e-12));
        assertThat(end.linear().rotationPart().angle()).isBetween(0.3, 0.31);
    }

    /** Greedy shrinking as the auditor does it: take the first candidate that still fails, until none does. */
    private static EuclideanTransform shrink(EuclideanGroup group, EuclideanTransform start,
                                             Predicate<EuclideanTransform> fails) {
        EuclideanTransform current = start;
        for (int step = 0; step < 10_000; step++) {
            EuclideanTransform next = group.simplerThan(current).stream().filter(fails).findFirst().orElse(null);
            if (next == null) {
                return current;
            }
            current = next;
        }
        throw new AssertionError("shrinking did not stop");
    }
}
