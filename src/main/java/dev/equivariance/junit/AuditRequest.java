package dev.equivariance.junit;

import dev.equivariance.audit.AuditSpec;
import dev.equivariance.audit.SpecBuilder;
import dev.equivariance.audit.BatchAxis;
import dev.equivariance.audit.WithoutCuda;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;
import dev.equivariance.search.InputSource;
import dev.equivariance.search.Seeds;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DeviceRequest;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The attributes of an {@link EquivariantUnder} or {@link InvariantUnder} annotation, in one shape. The annotation is
 * found as JUnit finds its own: on the method, or through a composed annotation meta-annotated with it (a team's
 * {@code @OrderFree}). Misconfiguration is an {@link ExtensionConfigurationException} naming the method, the annotation
 * and the attribute with its value.
 */
final class AuditRequest {

    final Method method;
    /** The annotation the attributes come from (the meta-annotation of a composed one). */
    final Annotation annotation;
    /** How messages name it: {@code @InvariantUnder}, or {@code @OrderFree (a composed @InvariantUnder)}. */
    final String display;
    final boolean invariant;
    final String group;
    final List<String> inputs;
    final List<String> outputs;
    final List<String> shapes;
    final int samples;
    final int trials;
    final String seed;
    final double tolerance;
    final String dtype;
    final boolean allowApproximate;
    final int maxBatch;
    final String model;
    final String spec;
    final List<String> sizes;
    final boolean edgeCases;
    final boolean layers;
    final List<String> layerActions;
    final boolean gradients;
    final boolean lieDerivative;
    final String device;
    final WithoutCuda withoutCuda;
    final boolean crossDevice;
    final BatchAxis batchAxis;
    final boolean selfCheck;
    /** The attribute names inputs, outputs and shapes were given with (for messages). */
    private final String inputAttribute;
    private final String outputAttribute;
    private final String shapeAttribute;

    private AuditRequest(Method method, Annotation annotation, String display, EquivariantUnder e, InvariantUnder i) {
        this.method = method;
        this.annotation = annotation;
        this.display = display;
        this.invariant = i != null;
        if (e != null) {
            group = e.group();
            inputs = list(e.inputs(), e.input(), "input", "inputs");
            List<String> outs = list(e.outputs(), e.output(), "output", "outputs");
            outputs = outs.isEmpty() && inputs.size() == 1 ? inputs : outs;
            outputAttribute = e.outputs().length > 0 ? "outputs" : "output";
            shapes = shapes(e.inputShapes(), e.inputShape());
            samples = e.samples();
            trials = e.trials();
            seed = e.seed();
            tolerance = e.tolerance();
            dtype = e.dtype();
            allowApproximate = e.allowApproximate();
            maxBatch = e.maxBatch();
            model = e.model();
            spec = e.spec();
            sizes = List.of(e.sizes());
            edgeCases = e.edgeCases();
            layers = e.layers();
            layerActions = List.of(e.layerActions());
            gradients = e.gradients();
            lieDerivative = e.lieDerivative();
            device = e.device();
            withoutCuda = e.withoutCuda();
            crossDevice = e.crossDevice();
            batchAxis = e.batchAxis();
            selfCheck = e.selfCheck();
            inputAttribute = e.inputs().length > 0 ? "inputs" : "input";
            shapeAttribute = e.inputShapes().length > 0 ? "inputShapes" : "inputShape";
        } else {
            group = i.group();
            inputs = list(i.inputs(), i.input(), "input", "inputs");
            outputs = List.of();
            outputAttribute = null;
            shapes = shapes(i.inputShapes(), i.inputShape());
            samples = i.samples();
            trials = i.trials();
            seed = i.seed();
            tolerance = i.tolerance();
            dtype = i.dtype();
            allowApproximate = i.allowApproximate();
            maxBatch = i.maxBatch();
            model = i.model();
            spec = i.spec();
            sizes = List.of(i.sizes());
            edgeCases = i.edgeCases();
            layers = i.layers();
            layerActions = List.of(i.layerActions());
            gradients = i.gradients();
            lieDerivative = i.lieDerivative();
            device = i.device();
            withoutCuda = i.withoutCuda();
            crossDevice = i.crossDevice();
            batchAxis = i.batchAxis();
            selfCheck = i.selfCheck();
            inputAttribute = i.inputs().length > 0 ? "inputs" : "input";
            shapeAttribute = i.inputShapes().length > 0 ? "inputShapes" : "inputShape";
        }
    }

    /**
     * The request declared on a test method, directly or through a composed annotation, if any.
     *
     * @throws ExtensionConfigurationException when the method declares both annotations or contradicting attributes
     */
    static Optional<AuditRequest> of(Method method) {
        Optional<EquivariantUnder> e = AnnotationSupport.findAnnotation(method, EquivariantUnder.class);
        Optional<InvariantUnder> i = AnnotationSupport.findAnnotation(method, InvariantUnder.class);
        if (e.isPresent() && i.isPresent()) {
            throw new ExtensionConfigurationException(where(method) + ": " + via(method, EquivariantUnder.class)
                    + " and " + via(method, InvariantUnder.class) + " are both declared; keep one of them");
        }
        if (e.isEmpty() && i.isEmpty()) {
            return Optional.empty();
        }
        Annotation a = e.isPresent() ? e.get() : i.get();
        String display = via(method, a.annotationType());
        return Optional.of(new AuditRequest(method, a, display, e.orElse(null), i.orElse(null)).checked());
    }

    /** Checks the attributes that contradict each other before anything runs. */
    private AuditRequest checked() {
        if (pending != null) {
            throw pending;
        }
        return this;
    }

    private ExtensionConfigurationException pending;

    /** {@code Class.method()}, as every message starts. */
    String where() {
        return where(method);
    }

    static String where(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }

    /** How messages name the annotation found on {@code method}: itself, or the composed annotation carrying it. */
    private static String via(Method method, Class<? extends Annotation> type) {
        if (method.isAnnotationPresent(type)) {
            return "@" + type.getSimpleName();
        }
        for (Annotation a : method.getDeclaredAnnotations()) {
            if (AnnotationSupport.isAnnotated(a.annotationType(), type)) {
                return "@" + a.annotationType().getSimpleName() + " (a composed @" + type.getSimpleName() + ")";
            }
        }
        return "@" + type.getSimpleName();
    }

    /**
     * A configuration error naming the method, the annotation and the attributes with their values, e.g.
     * {@code Test.audit(): @InvariantUnder(group = "SU(2)"): Unknown group 'SU(2)'...}.
     */
    ExtensionConfigurationException misconfigured(String message, Throwable cause, String... attributes) {
        List<String> shown = new ArrayList<>();
        for (String attribute : attributes) {
            shown.add(show(attribute));
        }
        String text = where() + ": " + display + (shown.isEmpty() ? "" : "(" + String.join(", ", shown) + ")")
                + ": " + message;
        return cause == null ? new ExtensionConfigurationException(text)
                : new ExtensionConfigurationException(text, cause);
    }

    /** {@code name = value} with the value as written in Java. */
    String show(String attribute) {
        try {
            Method m = annotation.annotationType().getMethod(attribute);
            return attribute + " = " + literal(m.invoke(annotation));
        } catch (ReflectiveOperationException e) {
            return attribute;
        }
    }

    private static String literal(Object v) {
        if (v instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (v != null && v.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int k = 0; k < Array.getLength(v); k++) {
                items.add(literal(Array.get(v, k)));
            }
            return "{" + String.join(", ", items) + "}";
        }
        return String.valueOf(v);
    }

    /** Fills a spec builder from the annotation (the model is set by the caller). */
    AuditSpec.Builder toBuilder(String seedKey) {
        AuditSpec.Builder b = AuditSpec.builder().seedKey(seedKey).approximateExpected(allowApproximate);
        if (group.isBlank()) {
            throw misconfigured("name the symmetry group, e.g. group = \"SO(3)\" or group = \"S(n)\"", null, "group");
        }
        b.group(group.trim());
        attribute(() -> b.samples(samples), "samples");
        attribute(() -> b.trials(trials), "trials");
        attribute(() -> b.maxBatch(maxBatch), "maxBatch");
        if (inputs.isEmpty()) {
            throw misconfigured("no input action: say how the input transforms, e.g. input = \"permute(axis=1)\" (or "
                    + "inputs = {...} for several inputs)", null, "input");
        }
        if (shapes.isEmpty()) {
            throw misconfigured("no input shape: give inputShape = {batch, ...} (or inputShapes = {\"4,10,3\", ...} "
                    + "for several inputs)", null, "inputShape");
        }
        if (shapes.size() != inputs.size()) {
            throw misconfigured(inputs.size() + " input action(s) but " + shapes.size() + " input shape(s): give one "
                    + "shape per input", null, inputAttribute, shapeAttribute);
        }
        for (String s : sizes) {
            attribute(() -> b.size(s), "sizes");
        }
        for (int k = 0; k < inputs.size(); k++) {
            Action action = parseAction(inputs.get(k), inputAttribute);
            String shape = shapes.get(k);
            b.input(action, (InputSource) null, shape);  // the default source for the action
        }
        if (invariant) {
            b.invariant();
        } else {
            if (outputs.isEmpty()) {
                throw misconfigured("no output action: say how each output transforms, e.g. outputs = {\"vector\", "
                        + "\"trivial\"}, or use @InvariantUnder", null, "outputs");
            }
            for (String o : outputs) {
                b.output(parseAction(o, outputs == inputs ? inputAttribute : outputAttribute));
            }
        }
        applyCommon(b);
        return b;
    }

    /** Builds the spec, naming the shape (and size) attributes when a shape does not parse. */
    AuditSpec build(SpecBuilder<?> b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            if (!spec.isBlank()) {
                throw misconfigured("the spec method's builder is incomplete: " + e.getMessage(), e, "spec");
            }
            throw misconfigured(e.getMessage(), e, sizes.isEmpty() ? new String[] {shapeAttribute}
                    : new String[] {shapeAttribute, "sizes"});
        }
    }

    /** The attributes naming input {@code k}'s action and shape (the spec attribute for spec methods). */
    String[] inputAttributes() {
        return spec.isBlank() ? new String[] {inputAttribute, shapeAttribute} : new String[] {"spec"};
    }

    /** The attribute naming the group (the spec attribute for spec methods). */
    String groupAttribute() {
        return spec.isBlank() ? "group" : "spec";
    }

    /**
     * Applies the attributes that also hold for spec methods (seed, tolerance, dtype, device, ...) where they differ
     * from their defaults.
     */
    void applyCommon(SpecBuilder<?> b) {
        DeviceRequest requested = attribute(() -> DeviceRequest.parse(device), "device");
        if (!requested.equals(DeviceRequest.AUTO)) {
            b.device(requested);
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
        if (allowApproximate) {
            b.approximateExpected(true);
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
        if (!lieDerivative) {
            b.lieDerivative(false);
        }
        for (String declaration : layerActions) {
            int eq = declaration.indexOf('=');
            if (eq <= 0) {
                throw misconfigured("malformed layer action '" + declaration + "': write \"layerName=action\", e.g. "
                        + "\"01Linear=permute(axis=1)\"", null, "layerActions");
            }
            Action action = parseAction(declaration.substring(eq + 1).trim(), "layerActions");
            b.layerAction(declaration.substring(0, eq).trim(), action);
        }
        if (!seed.isBlank()) {
            try {
                b.seed(Seeds.parse(seed.trim(), "seed"));
            } catch (IllegalArgumentException e) {
                throw misconfigured("the seed must be a number (decimal or 0x-hex) or 'random'", e, "seed");
            }
        }
        if (tolerance != 0) {
            attribute(() -> b.tolerance(tolerance), "tolerance");
        }
        if (!dtype.isBlank()) {
            b.dtype(attribute(() -> DType.parse(dtype), "dtype"));
        }
    }

    /** The layer names {@code layerActions} declares actions for. */
    List<String> declaredLayers() {
        return layerActions.stream().filter(d -> d.indexOf('=') > 0).map(d -> d.substring(0, d.indexOf('=')).trim())
                .toList();
    }

    private Action parseAction(String text, String attribute) {
        return attribute(() -> Actions.parse(text), attribute);
    }

    private <T> T attribute(java.util.function.Supplier<T> step, String attribute) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw misconfigured(e.getMessage(), e, attribute);
        }
    }

    private List<String> list(String[] many, String one, String single, String plural) {
        if (many.length > 0 && !one.isBlank()) {
            pending = pending != null ? pending : misconfiguredEarly("give either " + single + " or " + plural
                    + ", not both", single, plural);
            return List.of(many);
        }
        if (many.length > 0) {
            return List.of(many);
        }
        return one.isBlank() ? List.of() : List.of(one);
    }

    private List<String> shapes(String[] many, long[] one) {
        if (many.length > 0 && one.length > 0) {
            pending = pending != null ? pending : misconfiguredEarly("give either inputShape or inputShapes, not both",
                    "inputShape", "inputShapes");
        }
        if (one.length > 0) {
            return List.of(String.join(",", Arrays.stream(one).mapToObj(Long::toString).toList()));
        }
        return List.of(many);
    }

    /** As {@link #misconfigured} while the constructor runs (the fields it reads are already set). */
    private ExtensionConfigurationException misconfiguredEarly(String message, String... attributes) {
        return misconfigured(message, null, attributes);
    }
}
