package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random SO(3) elements must follow the Haar measure: the rotation angle θ then has density (1 - cos θ)/π on
 * [0, π], CDF (θ - sin θ)/π, mean π/2 + 2/π and variance π²/3 + 2 - (π/2 + 2/π)² ≈ 0.4172. All checks use 20000
 * samples from a fixed seed, with bounds at about 5 standard errors, so they cannot flake and still reject a
 * sampler that, say, draws the angle uniformly (mean π/2, off by 0.64).
 */
class HaarSamplingTest {

    private static final int N = 20_000;
    private static double[] angles;
    private static double[][] axes;

    @BeforeAll
    static void sample() {
        RotationGroup so3 = Groups.so3();
        SplittableRandom rng = new SplittableRandom(42);
        angles = new double[N];
        axes = new double[N][];
        for (int i = 0; i < N; i++) {
            Rotation r = so3.random(rng);
            angles[i] = r.angle();
            axes[i] = r.axis();
        }
    }

    @Test
    void meanRotationAngle_isHalfPiPlusTwoOverPi() {
        double mean = Arrays.stream(angles).average().orElseThrow();
        // sd of θ is 0.646, so the standard error of the mean is 0.00457; 5 standard errors
        assertThat(mean).isCloseTo(Math.PI / 2 + 2 / Math.PI, within(0.023));
    }

    @Test
    void varianceOfTheRotationAngle_matchesTheHaarDensity() {
        double mean = Arrays.stream(angles).average().orElseThrow();
        double var = Arrays.stream(angles).map(a -> (a - mean) * (a - mean)).sum() / (N - 1);
        double expected = Math.PI * Math.PI / 3 + 2 - Math.pow(Math.PI / 2 + 2 / Math.PI, 2);
        assertThat(expected).isCloseTo(0.4172, within(1e-4));
        // the standard error of the sample variance is below 0.004 for this bounded density
        assertThat(var).isCloseTo(expected, within(0.02));
    }

    @Test
    void empiricalCdfOfTheAngle_isCloseToTheHaarCdf() {
        double[] sorted = angles.clone();
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double f = (sorted[i] - Math.sin(sorted[i])) / Math.PI;
            d = Math.max(d, Math.max(Math.abs((i + 1) / (double) N - f), Math.abs(f - i / (double) N)));
        }
        // Kolmogorov-Smirnov: the 0.1% critical value is 1.95 / sqrt(N) = 0.0138
        assertThat(d).isLessThan(1.95 / Math.sqrt(N));
    }

    @Test
    void anglesLieInZeroToPi() {
        assertThat(Arrays.stream(angles).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(Arrays.stream(angles).max().orElseThrow()).isLessThanOrEqualTo(Math.PI);
    }

    @Test
    void rotationAxes_pointInEveryDirectionEqually() {
        for (int k = 0; k < 3; k++) {
            int axis = k;
            double mean = Arrays.stream(axes).mapToDouble(a -> a[axis]).average().orElseThrow();
            double meanSq = Arrays.stream(axes).mapToDouble(a -> a[axis] * a[axis]).average().orElseThrow();
            // a uniform unit vector has E[a_k] = 0 (sd 0.577, se 0.0041) and E[a_k^2] = 1/3 (se 0.0021)
            assertThat(mean).as("mean of axis component %d", k).isCloseTo(0, within(0.021));
            assertThat(meanSq).as("mean square of axis component %d", k).isCloseTo(1.0 / 3, within(0.011));
        }
    }

    @Test
    void haarMeasure_isInvariantUnderLeftMultiplication() {
        // if g is Haar-distributed so is h g; its angle distribution must still have the Haar mean
        Rotation h = Rotation.about(new double[] {1, 2, 3}, 1.1);
        SplittableRandom rng = new SplittableRandom(43);
        RotationGroup so3 = Groups.so3();
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += h.compose(so3.random(rng)).angle();
        }
        assertThat(sum / N).isCloseTo(Math.PI / 2 + 2 / Math.PI, within(0.023));
    }
}
