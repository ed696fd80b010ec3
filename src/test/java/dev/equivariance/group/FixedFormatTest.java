package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Element names use a fast fixed-point formatter: it must print exactly what String.format prints. */
class FixedFormatTest {

    @Test
    void fixed_printsWhatStringFormatPrints_forHundredsOfThousandsOfValues() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            double v = switch (i % 4) {
                case 0 -> rng.nextGaussian();
                case 1 -> Math.rint(rng.nextDouble() * 100_000) / 100_000 + 0.005 * (rng.nextInt(3) - 1);
                case 2 -> (rng.nextInt(20_000) - 10_000) / 1000.0 + 0.0005;
                default -> (rng.nextBoolean() ? 1 : -1) * rng.nextDouble() * Math.pow(10, -rng.nextInt(9));
            };
            for (int d = 2; d <= 8; d++) {
                assertThat(Angles.fixed(v, d)).as("%s to %d digits", v, d)
                        .isEqualTo(String.format(Locale.ROOT, "%." + d + "f", v));
            }
        }
    }

    @Test
    void fixed_keepsTheSignOfNegativeZeroAndPrintsNonFiniteValuesAsTheFormatterDoes() {
        for (double v : new double[] {-0.0, 0.0, -1e-9, 0.005, -0.005, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThat(Angles.fixed(v, 2)).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
        }
    }
}
