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
 * A test that audits the class's {@link ModelUnderTest} for equivariance, f(g x) = rho_out(g) f(x): the extension
 * draws inputs and group elements, compares both sides, and fails the test with the audit report (smallest failing
 * transformation and seed included) unless the verdict is PASS. The method body runs after a passing audit and may
 * take the {@link dev.equivariance.audit.AuditReport} as a parameter.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(EquivarianceExtension.class)
public @interface EquivariantUnder {

    /** The group, e.g. {@code "SO(3)"}, {@code "S(n)"} (n read from the permuted axis), {@code "Z(8)xZ(8)"}. */
    String group();

    /** How the (single) input transforms, e.g. {@code "permute(axis=1)"} or {@code "vector"}. */
    String input() default "";

    /** How each input transforms, for models with several inputs (instead of {@link #input()}). */
    String[] inputs() default {};

    /** How the (single) output transforms; default: like the input. */
    String output() default "";

    /** How each output transforms, for models with several outputs (instead of {@link #output()}). */
    String[] outputs() default {};

    /** The shape of the (single) input, batch axis first, e.g. {@code {4, 10, 3}}. */
    long[] inputShape() default {};

    /** The shapes of several inputs, e.g. {@code {"4,10,3", "4,10"}} (instead of {@link #inputShape()}). */
    String[] inputShapes() default {};

    /** Number of generated inputs. */
    int samples() default 4;

    /** Number of group elements tested against each input (edge cases first, then random). */
    int trials() default 32;

    /** The seed (a number); default: derived from the test's name. {@code -Dequivariance.seed} overrides it. */
    String seed() default "";

    /** The largest relative error that passes; default by dtype (1e-4 for float32, 1e-9 for float64). */
    double tolerance() default 0;

    /** Run the model in this dtype ({@code float32}, {@code float64}); default: the model's own. */
    String dtype() default "";

    /** Approximate equivariance is by design: a NEEDS_ATTENTION verdict does not fail the test. */
    boolean allowApproximate() default false;

    /** The most rows stacked along the batch axis into one forward pass; 1 turns batching off. */
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

    /** Selects a model by name when the class has several {@link ModelUnderTest}s. */
    String model() default "";

    /**
     * The name of a static method of the test class returning an {@link dev.equivariance.audit.AuditSpec.Builder}
     * for cases annotations cannot express (custom actions, input sources). Shape, action and sampling attributes are
     * then ignored; seed, tolerance, dtype, device, batchAxis, layers, layerActions, gradients, lieDerivative and
     * edgeCases still apply. The {@link ModelUnderTest} is used when the builder has no model.
     */
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
