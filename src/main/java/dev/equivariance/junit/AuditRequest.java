package dev.equivariance.junit;

import dev.equivariance.audit.AuditSpec;
import dev.equivariance.audit.BatchAxis;
import dev.equivariance.audit.WithoutCuda;
import dev.equivariance.search.Seeds;
import dev.equivariance.tensor.DeviceRequest;
import dev.equivariance.tensor.DType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The attributes of an {@link EquivariantUnder} or {@link InvariantUnder} annotation, in one shape. */
record AuditRequest(boolean invariant, String group, List<String> inputs, List<String> outputs,
                    List<String> shapes, int samples, int trials, String seed, double tolerance, String dtype,
                    boolean allowApproximate, int maxBatch, String model, String spec, List<String> sizes,
                    boolean edgeCases, boolean layers, List<String> layerActions, boolean gradients, String device,
                    WithoutCuda withoutCuda, boolean crossDevice, BatchAxis batchAxis, boolean selfCheck) {

    /** The request declared on a test method, if any. */
    static Optional<AuditRequest> of(Method method) {
        EquivariantUnder e = method.getAnnotation(EquivariantUnder.class);
        InvariantUnder i = method.getAnnotation(InvariantUnder.class);
        if (e != null && i != null) {
            throw new IllegalArgumentException("Use either @EquivariantUnder or @InvariantUnder, not both");
        }
        if (e != null) {
            List<String> inputs = list(e.inputs(), e.input());
            List<String> outputs = list(e.outputs(), e.output());
            if (outputs.isEmpty() && inputs.size() == 1) {
                outputs = inputs;
            }
            return Optional.of(new AuditRequest(false, e.group(), inputs, outputs, shapes(e.inputShapes(),
                    e.inputShape()), e.samples(), e.trials(), e.seed(), e.tolerance(), e.dtype(), e.allowApproximate(),
                    e.maxBatch(), e.model(), e.spec(), List.of(e.sizes()), e.edgeCases(), e.layers(),
                    List.of(e.layerActions()), e.gradients(), e.device(), e.withoutCuda(), e.crossDevice(),
                    e.batchAxis(), e.selfCheck()));
        }
        if (i != null) {
            return Optional.of(new AuditRequest(true, i.group(), list(i.inputs(), i.input()), List.of(),
                    shapes(i.inputShapes(), i.inputShape()), i.samples(), i.trials(), i.seed(), i.tolerance(),
                    i.dtype(), i.allowApproximate(), i.maxBatch(), i.model(), i.spec(), List.of(i.sizes()),
                    i.edgeCases(), i.layers(), List.of(i.layerActions()), i.gradients(), i.device(), i.withoutCuda(),
                    i.crossDevice(), i.batchAxis(), i.selfCheck()));
        }
        return Optional.empty();
    }

    /** Fills a spec builder from the annotation (the model is set by the caller). */
    AuditSpec.Builder toBuilder(String seedKey) {
        AuditSpec.Builder b = AuditSpec.builder().group(group).seedKey(seedKey).samples(samples).trials(trials)
                .maxBatch(maxBatch).approximateExpected(allowApproximate);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("No input action: say how the input transforms, e.g. "
                    + "input = \"permute(axis=1)\" (or inputs = {...} for several inputs)");
        }
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("No input shape: give inputShape = {batch, ...} (or inputShapes = "
                    + "{\"4,10,3\", ...} for several inputs)");
        }
        if (shapes.size() != inputs.size()) {
            throw new IllegalArgumentException(inputs.size() + " input action(s) but " + shapes.size()
                    + " input shape(s): give one shape per input");
        }
        sizes.forEach(b::size);
        for (int k = 0; k < inputs.size(); k++) {
            b.input(inputs.get(k), shapes.get(k));
        }
        if (invariant) {
            b.invariant();
        } else {
            outputs.forEach(b::output);
        }
        applyCommon(b);
        return b;
    }

    /**
     * Applies the attributes that also hold for spec methods (seed, tolerance, dtype, device, ...) where they differ
     * from their defaults.
     */
    void applyCommon(AuditSpec.Builder b) {
        if (!DeviceRequest.parse(device).equals(DeviceRequest.AUTO)) {
            b.device(device);
        }
        if (withoutCuda != WithoutCuda.SKIP) {
            b.withoutCuda(withoutCuda);
        }
        if (crossDevice) {
            b.crossDevice(true);
        }
        if (batchAxis != BatchAxis.AUTO) {
            b.batchAxis(batchAxis);
        }
        if (selfCheck) {
            b.selfCheck(true);
        }
        if (!edgeCases) {
            b.edgeCases(false);
        }
        if (layers) {
            b.layers(true);
        }
        if (gradients) {
            b.gradients(true);
        }
        for (String declaration : layerActions) {
            int eq = declaration.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Malformed layer action '" + declaration
                        + "': write \"layerName=action\", e.g. \"01Linear=permute(axis=1)\"");
            }
            b.layerAction(declaration.substring(0, eq).trim(), declaration.substring(eq + 1).trim());
        }
        if (!seed.isBlank()) {
            b.seed(Seeds.parse(seed.trim(), "seed"));
        }
        if (tolerance != 0) {
            b.tolerance(tolerance);
        }
        if (!dtype.isBlank()) {
            b.dtype(DType.parse(dtype));
        }
    }

    private static List<String> list(String[] many, String one) {
        if (many.length > 0 && !one.isBlank()) {
            throw new IllegalArgumentException("Give either a single action or a list of actions, not both");
        }
        if (many.length > 0) {
            return List.of(many);
        }
        return one.isBlank() ? List.of() : List.of(one);
    }

    private static List<String> shapes(String[] many, long[] one) {
        if (many.length > 0 && one.length > 0) {
            throw new IllegalArgumentException("Give either inputShape or inputShapes, not both");
        }
        if (one.length > 0) {
            return List.of(String.join(",", Arrays.stream(one).mapToObj(Long::toString).toList()));
        }
        return List.of(many);
    }
}
