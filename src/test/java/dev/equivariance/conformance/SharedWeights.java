package dev.equivariance.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The weights every backend's fixtures load, drawn from fixed seeds. Values are rounded to float32 so that a float32
 * model converted to float64 (SameDiff's float64 twin) and a model built in float64 from these doubles (DJL) hold
 * exactly the same numbers. Dense layers follow DJL's {@code Linear} layout: weight {@code (out, in)} row-major, then
 * bias {@code (out)}; {@code y = x W^T + b}.
 */
public final class SharedWeights {

    /** Width of the hidden layers of every fixture model. */
    public static final int HIDDEN = 8;

    private SharedWeights() {
    }

    /** One dense layer: weight (out, in) row-major, bias (out). */
    public record Dense(int out, int in, double[] weight, double[] bias) {
    }

    /** A k x k lifting kernel (fields, channels, k, k) row-major and its per-field bias. */
    public record Kernel(int fields, int channels, int size, double[] weight, double[] bias) {
    }

    private static double[] uniform(SplittableRandom rng, int n, double bound) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextDouble(-bound, bound);
        }
        return a;
    }

    private static Dense dense(SplittableRandom rng, int out, int in) {
        double bound = 1 / Math.sqrt(in);
        return new Dense(out, in, uniform(rng, out * in, bound), uniform(rng, out, bound));
    }

    /** DeepSets on points of {@code d} features: phi = Linear, ReLU, Linear; sum over points; rho = Linear, ReLU, Linear(1). */
    public static List<Dense> deepSets(int d) {
        SplittableRandom rng = new SplittableRandom(101);
        return List.of(dense(rng, HIDDEN, d), dense(rng, HIDDEN, HIDDEN), dense(rng, HIDDEN, HIDDEN),
                dense(rng, 1, HIDDEN));
    }

    /** A lifting kernel with {@code fields} output fields on single-channel images. */
    public static Kernel lifting(int fields, int size) {
        SplittableRandom rng = new SplittableRandom(202);
        double bound = 1.0 / size;
        return new Kernel(fields, 1, size, uniform(rng, fields * size * size, bound), uniform(rng, fields, 0.1));
    }

    /** The EGNN coordinate update's scalar MLPs: phi (two layers), then psi (two layers). */
    public static List<Dense> egnn() {
        SplittableRandom rng = new SplittableRandom(303);
        List<Dense> out = new ArrayList<>();
        for (int mlp = 0; mlp < 2; mlp++) {
            out.add(dense(rng, HIDDEN, 1));
            out.add(dense(rng, 1, HIDDEN));
        }
        return out;
    }

    /** The set network of the layer-wise scenarios: Linear(8), ReLU, double or ramp, Linear(8), ReLU, Linear(4). */
    public static List<Dense> setNetwork(int d) {
        SplittableRandom rng = new SplittableRandom(404);
        return List.of(dense(rng, 8, d), dense(rng, 8, 8), dense(rng, 4, 8));
    }

    /** The straight-through model on {@code n} points of {@code d} features: phi, rho and h. */
    public static List<Dense> straightThrough(int n, int d) {
        SplittableRandom rng = new SplittableRandom(505);
        return List.of(dense(rng, 8, d), dense(rng, 1, 8), dense(rng, 1, n * d));
    }
}
