package dev.equivariance.audit;

import java.util.List;

/**
 * The Lie derivative of the model (Gruver et al., "The Lie derivative for measuring learned equivariance", ICLR
 * 2023): for each generator A of the group's continuous part, the derivative at t = 0 of
 * {@code rho_out(exp(tA))^-1 f(rho_in(exp(tA)) x)}. It is zero for an equivariant model and measures how fast the
 * equivariance error grows away from the identity otherwise (per radian for rotations, per unit length for
 * translations). Informational: it does not change the verdict.
 *
 * @param dtype the element type it was computed in ({@code float64}, or the model's own when it has no float64 twin)
 * @param step the central-difference step h
 * @param inputs how many inputs it was averaged over
 * @param generators per generator, in the group's order
 * @param layers per layer, the Lie derivative of the layer alone on its recorded input activation, largest relative
 *               contribution first (empty when the layer-wise audit did not run or layers cannot run alone)
 * @param notes how it was computed (step, dtype, what was left out)
 */
public record LieDerivativeResult(String dtype, double step, int inputs, List<Generator> generators,
                                  List<LayerContribution> layers, List<String> notes) {

    public LieDerivativeResult {
        generators = List.copyOf(generators);
        layers = List.copyOf(layers);
        notes = List.copyOf(notes);
    }

    /**
     * The Lie derivative along one generator over the inputs: its norm (Frobenius over all outputs) and the norm
     * relative to |f(x)|.
     */
    public record Generator(String name, double meanAbsolute, double maxAbsolute, double meanRelative,
                            double maxRelative) {
    }

    /**
     * The Lie derivative of one layer alone: {@code d/dt rho_l(exp(tA))^-1 layer(rho_(l-1)(exp(tA)) h)} at t = 0,
     * with the in and out actions the layer-wise audit inferred (or that were declared), worst over generators and
     * inputs, relative to |layer(h)|.
     *
     * @param generator the generator along which it is largest
     */
    public record LayerContribution(String name, String kind, String generator, double maxAbsolute,
                                    double maxRelative) {
    }

    /** The largest relative Lie derivative over the generators. */
    public double maxRelative() {
        return generators.stream().mapToDouble(Generator::maxRelative).max().orElse(0);
    }

    /** The layer with the largest relative Lie derivative, when layers were measured. */
    public java.util.Optional<LayerContribution> largestLayer() {
        return layers.stream().findFirst();
    }
}
