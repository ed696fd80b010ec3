package dev.equivariance.models;

import dev.equivariance.search.InputSource;
import java.util.random.RandomGenerator;

/**
 * Smooth test images that vanish outside the disk inscribed in the grid: for each (batch, channel) image, a few
 * Gaussian bumps of width {@code sigma} pixels with N(0, 1) amplitudes, centred at least 2.5 sigma inside the disk.
 * Rotating them by any angle loses (almost) nothing at the border, and interpolating them is accurate, so the error a
 * rotation audit measures is the model's own: the inputs escnn's tests of rotation equivariance use are of this kind.
 */
public final class SmoothDiskImages implements InputSource {

    private final double sigma;
    private final int bumps;

    public SmoothDiskImages(double sigma, int bumps) {
        this.sigma = sigma;
        this.bumps = bumps;
    }

    @Override
    public double[] sample(long[] shape, RandomGenerator rng) {
        int h = (int) shape[shape.length - 2];
        int w = (int) shape[shape.length - 1];
        int images = InputSource.count(shape) / (h * w);
        double ci = (h - 1) / 2.0;
        double cj = (w - 1) / 2.0;
        double reach = Math.max(0, Math.min(ci, cj) - 2.5 * sigma);
        double[] out = new double[images * h * w];
        for (int img = 0; img < images; img++) {
            for (int b = 0; b < bumps; b++) {
                double r = reach * Math.sqrt(rng.nextDouble());
                double a = 2 * Math.PI * rng.nextDouble();
                double bi = ci - r * Math.sin(a);
                double bj = cj + r * Math.cos(a);
                double amp = rng.nextGaussian();
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double d2 = (i - bi) * (i - bi) + (j - bj) * (j - bj);
                        out[img * h * w + i * w + j] += amp * Math.exp(-d2 / (2 * sigma * sigma));
                    }
                }
            }
        }
        return out;
    }
}
