package dev.equivariance.junit;

import dev.equivariance.audit.BatchAxis;
import dev.equivariance.audit.WithoutCuda;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that audits the class's {@link ModelUnderTest} for invariance, f(g x) = f(x). Attributes as in
 * {@link EquivariantUnder}; every output transforms trivially.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(EquivarianceExtension.class)
public @interface InvariantUnder {

    /** The group, e.g. {@code "S(n)"} or {@code "SO(3)"}. */
    String group();

    /** How the (single) input transforms. */
    String input() default "";

    /** How each input transforms, for models with several inputs. */
    String[] inputs() default {};

    /** The shape of the (single) input, batch axis first. */
    long[] inputShape() default {};

    /** The shapes of several inputs, e.g. {@code {"4,10,3", "4,10"}}. */
    String[] inputShapes() default {};

    int samples() default 4;

    int trials() default 32;

    String seed() default "";

    double tolerance() default 0;

    String dtype() default "";

    boolean allowApproximate() default false;

    int maxBatch() default 512;

    /**
     * What axis 0 means: {@code AUTO} (default) verifies on the first input that its rows are independent before
     * stacking transformed inputs along it; {@code INDEPENDENT} declares a batch of independent samples; {@code NONE}
     * declares that there is no batch axis, as in graph and point-cloud models ({@code pos [N, 3]}, {@code x [N, F]}).
     */
    BatchAxis batchAxis() default BatchAxis.AUTO;

    /**
     * After the audit, plant known symmetry breaks (at the output, at the input, after each layer) and audit each
     * mutant the same way: the report's AUDIT SELF-CHECK says which were caught. Costs up to (mutants + 1) audits.
     */
    boolean selfCheck() default false;

    String model() default "";

    String spec() default "";

    /** Size ranges for symbols used in {@link #inputShapes()}, e.g. {@code "n=2..12"}: inputs of several sizes. */
    String[] sizes() default {};

    /** Always run the layer-wise audit (it also runs by itself when the end-to-end audit does not pass). */
    boolean layers() default false;

    /** Actions on named layers' activations, e.g. {@code "01LiftingConv=p4(axis=1, axes=(2,3))"}; others are inferred. */
    String[] layerActions() default {};

    /**
     * Compute the Lie derivative along the generators of the group's continuous part (SO(2), O(2), SO(3), O(3),
     * SE(3), E(3), products with them) in float64 on up to two inputs, one stacked forward pass each (two per
     * generator without a batch axis), per layer too when the layer-wise audit runs; reported, never part of the
     * verdict. Finite groups have no generators and skip it whatever this says. Set false to leave it out.
     */
    boolean lieDerivative() default true;

    /** Run the gradient audit (input and parameter gradients of the sum of squares of the outputs). */
    boolean gradients() default false;

    /** Test the group's edge cases (identity, generators, quarter turns, ...) before random elements. */
    boolean edgeCases() default true;

    /**
     * Where model, inputs and transforms live: {@code "auto"} (a GPU when the backend reports a usable one, else the
     * CPU), {@code "cpu"}, {@code "cuda"} (the first GPU) or {@code "cuda:1"}. The report states the device and why.
     */
    String device() default "auto";

    /**
     * What happens when {@link #device()} asks for CUDA and CUDA is not available: the test is skipped with the reason
     * (default) or fails. It never runs on the CPU instead.
     */
    WithoutCuda withoutCuda() default WithoutCuda.SKIP;

    /**
     * Repeat the audit on a second device (CPU against GPU) and report how errors and outputs differ; on a machine
     * without a GPU the report notes that it was skipped.
     */
    boolean crossDevice() default false;
}
