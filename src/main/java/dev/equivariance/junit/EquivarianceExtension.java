package dev.equivariance.junit;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditException;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.AuditSpec;
import dev.equivariance.audit.InputSpec;
import dev.equivariance.audit.ModelPlacer;
import dev.equivariance.audit.ModelTurns;
import dev.equivariance.audit.SpecBuilder;
import dev.equivariance.group.Group;
import dev.equivariance.report.ReportOrigin;
import dev.equivariance.report.TextReport;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.DeviceRequest;
import dev.equivariance.tensor.Layer;
import dev.equivariance.tensor.LayeredModel;
import dev.equivariance.tensor.ModelAdapters;
import dev.equivariance.tensor.ModelClosedException;
import dev.equivariance.tensor.PlacedModel;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the audits declared with {@link EquivariantUnder} and {@link InvariantUnder} (on the method, or through a
 * composed annotation of the team's own): builds the spec, creates the class's model once, runs the audit before the
 * method body, publishes its summary and report to the JUnit report, and fails the test with the text report unless
 * the verdict is acceptable. A method whose parameters ask for generated values (the group element, inputs,
 * {@link Trial}) is a property: its body runs once per trial.
 *
 * <p>Parameters: the extension resolves only what it provides, {@link AuditReport} for audit methods and the generated
 * element, inputs ({@code Tensor} or the backend's array), {@link Trial} and the model for property methods. Every
 * other parameter is left to JUnit and to other extensions.
 *
 * <p>Misconfiguration (an attribute that does not parse or does not fit the model) fails the test with an
 * {@link ExtensionConfigurationException} naming the method, the annotation and the attribute.
 *
 * <p>Settings (JUnit configuration parameters, e.g. in {@code junit-platform.properties}, or system properties;
 * docs/annotations-and-configuration.md has them all in its configuration table):
 * {@code equivariance.seed}, {@code equivariance.report.print} ({@code failures}, the default, prints a summary line of
 * every audit and the report of failing ones; {@code always} every report; {@code never} nothing),
 * {@code equivariance.report.files}, {@code equivariance.report.dir} and {@code equivariance.report.run}.
 */
public final class EquivarianceExtension implements BeforeTestExecutionCallback, InvocationInterceptor,
        ParameterResolver {

    /** The setting choosing which reports are printed to standard output. */
    public static final String PRINT_PROPERTY = Settings.PRINT;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            EquivarianceExtension.class);

    /** Creates the extension (JUnit does, through the annotations). */
    public EquivarianceExtension() {
    }

    /** What the extension prepared for one test method before its parameters are resolved. */
    private record Prepared(AuditRequest request, AuditSpec spec, ModelPlacer placer, Object userModel,
                            AuditedModel model, PropertyRunner property, List<String> warnings) {
    }

    /**
     * Prepares the test (spec, model, checks) and runs the audit before parameters are resolved, so that an audit that
     * cannot run here (CUDA requested and not available) aborts the test with its reason instead of failing parameter
     * resolution.
     */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        Optional<AuditRequest> request = AuditRequest.of(context.getRequiredTestMethod());
        if (request.isEmpty()) {
            return;
        }
        Prepared prepared = prepare(context, request.get());
        if (prepared.property() == null) {
            report(context, prepared);
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        Prepared prepared = context.getStore(NAMESPACE).get("prepared", Prepared.class);
        if (prepared == null) {
            invocation.proceed();
            return;
        }
        if (prepared.property() != null) {
            invocation.skip();
            runProperty(invocationContext, context, prepared);
            return;
        }
        AuditReport report = report(context, prepared);
        if (!report.acceptable()) {
            invocation.skip();
            throw new AssertionFailedError(prepared.request().where() + " is not "
                    + (report.invariant() ? "invariant" : "equivariant") + " under " + report.symmetry() + " (verdict "
                    + report.verdict() + ")\n\n" + TextReport.render(report));
        }
        invocation.proceed();
    }

    /**
     * Claims the {@link AuditReport} of an audit method, and the generated parameters of a property method (the
     * element, the inputs, {@link Trial}, the model); nothing else.
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Prepared prepared = prepared(parameterContext, extensionContext);
        if (prepared == null) {
            return false;
        }
        if (prepared.property() == null) {
            return PropertyRunner.kind(parameterContext.getParameter().getType(), prepared.userModel())
                    == PropertyRunner.Kind.REPORT;
        }
        return prepared.property().kind(parameterContext.getIndex()) != PropertyRunner.Kind.OTHER;
    }

    /**
     * Resolves the report of an audit method; for a property method, checks that the parameter can be supplied and
     * returns a placeholder (the extension invokes the body itself with generated values).
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Prepared prepared = prepared(parameterContext, extensionContext);
        if (prepared.property() == null) {
            return report(extensionContext, prepared);
        }
        String problem = prepared.property().problem(parameterContext.getIndex());
        if (problem != null) {
            throw new ParameterResolutionException(prepared.request().where() + ": " + problem);
        }
        return null;
    }

    /** The preparation of the test method this parameter belongs to, or null when it is not an annotated test. */
    private static Prepared prepared(ParameterContext parameterContext, ExtensionContext context) {
        Optional<Method> test = context.getTestMethod();
        if (test.isEmpty() || !parameterContext.getDeclaringExecutable().equals(test.get())) {
            return null;
        }
        return context.getStore(NAMESPACE).get("prepared", Prepared.class);
    }

    /** Builds the spec, supplies and places the model, checks the request against it; stored for the method. */
    private static Prepared prepare(ExtensionContext context, AuditRequest request) {
        Method method = request.method;
        Class<?> testClass = context.getRequiredTestClass();
        Optional<Long> configuredSeed;
        try {
            Settings.print(context); // a misspelt setting fails before the audit runs
            configuredSeed = Settings.seed(context);
        } catch (ExtensionConfigurationException e) {
            throw new ExtensionConfigurationException(request.where() + ": " + e.getMessage(), e);
        }
        String seedKey = testClass.getName() + "#" + method.getName();
        SpecBuilder<?> builder;
        if (!request.spec.isBlank()) {
            builder = specFromMethod(testClass, request);
            request.applyCommon(builder);
            builder.seedKey(seedKey);
        } else {
            builder = request.toBuilder(seedKey);
        }
        configuredSeed.ifPresent(builder::seed);
        if (Settings.progress(context)) {
            String where = request.where();
            builder.progress(line -> {
                System.out.println("[equivariance] " + where + ": " + line);
                context.publishReportEntry("equivariance.progress", line);
            });
        }
        ModelHolder holder = null;
        if (!builder.hasModel()) {
            holder = holder(context, request);
            builder.model(holder.model());
        }
        AuditSpec built = request.build(builder);
        checkInputs(request, built);

        List<long[]> shapes = built.inputs().stream().map(InputSpec::shape).toList();
        ModelPlacer placer;
        if (holder != null) {
            ModelHolder h = holder;
            placer = device -> h.placed(shapes, built.dtype(), device);
        } else {
            OncePlacer once = new OncePlacer(built.model(), shapes, built.dtype());
            context.getStore(NAMESPACE).put("placer", once);
            placer = once;
        }
        PlacedModel placed = ModelTurns.take(built.model(), () -> place(request, built, placer));
        AuditedModel model = placed.model();
        AuditSpec spec = built;
        if (holder != null && !builder.hasModelName()) {
            spec = request.build(builder.modelName(holder.displayName() + " (" + model.name() + ")"));
        }
        if (!spec.layerActions().isEmpty()) {
            AuditSpec layered = spec;
            ModelTurns.take(built.model(), () -> {
                checkLayers(request, layered, model);
                return null;
            });
        }
        List<String> warnings = toleranceWarning(request, spec, model.dtype()).map(List::of).orElse(List.of());

        PropertyRunner property = null;
        if (PropertyRunner.isProperty(method, spec.model())) {
            try {
                AuditSpec forProperty = spec;
                property = ModelTurns.take(built.model(), () -> new PropertyRunner(method, forProperty,
                        forProperty.model(), model));
            } catch (AuditException | IllegalArgumentException e) {
                throw new AuditException(request.where() + ": " + e.getMessage(), e);
            }
        }
        Prepared prepared = new Prepared(request, spec, placer, spec.model(), model, property, warnings);
        context.getStore(NAMESPACE).put("prepared", prepared);
        return prepared;
    }

    /** Resolves the group and binds each input's action to its shape, naming the attributes that do not fit. */
    private static void checkInputs(AuditRequest request, AuditSpec spec) {
        for (int k = 0; k < spec.inputs().size(); k++) {
            InputSpec in = spec.inputs().get(k);
            try {
                in.action().sizeHints(in.shape()); // reads the axes the action names
            } catch (IllegalArgumentException e) {
                throw request.misconfigured((spec.inputs().size() > 1 ? "input #" + k + ": " : "")
                        + e.getMessage(), e, request.inputAttributes());
            }
        }
        Group<?> group;
        try {
            group = spec.resolveGroup();
        } catch (IllegalArgumentException e) {
            throw request.misconfigured(e.getMessage(), e, request.groupAttribute());
        }
        for (int k = 0; k < spec.inputs().size(); k++) {
            InputSpec in = spec.inputs().get(k);
            try {
                in.action().bind(in.shape(), group);
            } catch (IllegalArgumentException e) {
                throw request.misconfigured((spec.inputs().size() > 1 ? "input #" + k + ": " : "")
                        + e.getMessage(), e, request.inputAttributes());
            }
        }
    }

    /** Places the model on the spec's device; adapter errors name the attribute they concern. */
    private static PlacedModel place(AuditRequest request, AuditSpec spec, ModelPlacer placer) {
        try {
            return Audit.place(spec, placer);
        } catch (AuditException e) {
            if (e.getCause() instanceof IllegalArgumentException cause) {
                throw request.misconfigured(cause.getMessage(), cause, placementAttribute(request, cause));
            }
            throw new AuditException(request.where() + ": " + e.getMessage(), e);
        } catch (ModelClosedException e) {
            throw new AuditException(request.where() + ": " + e.getMessage(), e);
        }
    }

    private static String placementAttribute(AuditRequest request, IllegalArgumentException e) {
        if (!request.spec.isBlank()) {
            return "spec";
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof ModelHolder.DtypeUnavailable || m.contains("dtype") || m.contains("asks for float")) {
            return "dtype";
        }
        if (m.contains("input shape")) {
            return "inputShape";
        }
        if (m.contains("device") || m.contains("cannot be copied to")) {
            return "device";
        }
        return "model";
    }

    /** Every layer named in {@code layerActions} must be a layer of the model. */
    private static void checkLayers(AuditRequest request, AuditSpec spec, AuditedModel model) {
        String attribute = request.layerActions.isEmpty() ? "spec" : "layerActions";
        Optional<LayeredModel> layered = model.layered();
        if (layered.isEmpty()) {
            throw request.misconfigured((spec.modelName() != null ? spec.modelName() : model.name()) + " ("
                    + model.kind() + ") exposes no layers, so the declared "
                    + "layer actions cannot apply; drop layerActions, or audit a model whose layers the backend can "
                    + "read (a DJL SequentialBlock, a TorchScript module exporting intermediates)", null, attribute);
        }
        List<Layer> layers;
        try {
            layers = layered.get().layers();
        } catch (IllegalStateException e) {
            layers = List.of(); // not known before a forward pass
        }
        if (layers.isEmpty()) {
            // TorchScript modules name their layers after a forward pass of their intermediates method
            try (TensorScope scope = model.backend().openScope()) {
                List<Tensor> zeros = new ArrayList<>();
                for (InputSpec in : spec.inputs()) {
                    long n = Arrays.stream(in.shape()).reduce(1, (a, b) -> a * b);
                    zeros.add(model.backend().fromDoubles(new double[(int) n], in.shape(), DType.FLOAT64)
                            .cast(model.dtype()));
                }
                layered.get().activations(zeros);
                layers = layered.get().layers();
            } catch (RuntimeException e) {
                return; // the audit itself will say why the model cannot run
            }
        }
        List<String> names = layers.stream().map(Layer::name).toList();
        String modelName = spec.modelName() != null ? spec.modelName() : model.name();
        List<String> unknown = spec.layerActions().keySet().stream().filter(n -> !names.contains(n)).sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw request.misconfigured((unknown.size() == 1 ? "no layer named '" + unknown.get(0) + "'"
                    : "no layers named " + unknown) + " in " + modelName + ". Its layers, in network order: "
                    + String.join(", ", names), null, attribute);
        }
    }

    /** A warning when the pass tolerance is outside (the dtype's precision, 1): the audit then cannot do its job. */
    static Optional<String> toleranceWarning(AuditRequest request, AuditSpec spec, DType dtype) {
        Double tol = spec.passTolerance();
        if (tol == null) {
            return Optional.empty();
        }
        String shown = request.tolerance != 0 ? "tolerance = " + tol : "The spec's tolerance " + tol;
        if (tol >= 1) {
            return Optional.of(String.format(Locale.ROOT, "Warning: %s is not below 1: a relative error of 100%% (an "
                    + "output unrelated to the expected one) passes, so this audit cannot fail for a broken model. "
                    + "Choose a tolerance between %.1e (%s precision) and 1, e.g. the default %.0e.", shown,
                    dtype.epsilon(), dtype, dtype == DType.FLOAT64 ? 1e-9 : 1e-4));
        }
        if (tol <= dtype.epsilon()) {
            return Optional.of(String.format(Locale.ROOT, "Warning: %s is not above %s precision (%.1e): round-off "
                    + "alone exceeds it, so an equivariant model can fail this audit. Choose a tolerance between %.1e "
                    + "and 1%s.", shown, dtype, dtype.epsilon(), dtype.epsilon(),
                    dtype == DType.FLOAT64 ? "" : ", or run in float64 (dtype = \"float64\")"));
        }
        return Optional.empty();
    }

    /** The method's audit report, running the audit on first use. */
    private static AuditReport report(ExtensionContext context, Prepared prepared) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        AuditReport cached = store.get("report", AuditReport.class);
        if (cached != null) {
            return cached;
        }
        AuditReport report;
        try {
            report = Audit.run(prepared.spec(), prepared.placer());
        } catch (AuditException | IllegalArgumentException e) {
            throw new AuditException(prepared.request().where() + ": " + e.getMessage(), e);
        }
        report = report.withNotes(prepared.warnings());
        store.put("report", report);
        publish(context, prepared, report);
        return report;
    }

    private static void runProperty(ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context,
                                    Prepared prepared) throws Throwable {
        String where = prepared.request().where();
        Settings.Print print = Settings.print(context);
        PropertyRunner.Stats stats;
        try {
            stats = prepared.property().run(invocationContext.getTarget().orElse(null),
                    invocationContext.getArguments().toArray());
        } catch (AuditException | IllegalArgumentException e) {
            throw new AuditException(where + ": " + e.getMessage(), e);
        } catch (AssertionError e) {
            if (print != Settings.Print.NEVER) {
                System.out.println("[equivariance] " + where + ": property FAILED (seed " + prepared.property().seed()
                        + ", replay: " + replay(context, prepared.property().seed()) + ")");
            }
            throw e;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("equivariance.property.trials", Integer.toString(stats.trials()));
        entries.put("equivariance.property.edgeCases", Integer.toString(stats.edgeCases()));
        entries.put("equivariance.property.invocations", Integer.toString(stats.invocations()));
        entries.put("equivariance.seed", Long.toString(prepared.property().seed()));
        entries.put("equivariance.replay", replay(context, prepared.property().seed()));
        if (!prepared.warnings().isEmpty()) {
            entries.put("equivariance.warning", String.join("\n", prepared.warnings()));
        }
        context.publishReportEntry(entries);
        if (print != Settings.Print.NEVER) {
            StringBuilder line = new StringBuilder("[equivariance] ").append(where).append(": property held for ")
                    .append(stats.trials()).append(" trials (").append(stats.edgeCases()).append(" edge cases), seed ")
                    .append(prepared.property().seed()).append(" (replay: ")
                    .append(replay(context, prepared.property().seed())).append(')');
            prepared.warnings().forEach(w -> line.append("\n  ").append(w));
            System.out.println(line);
        }
    }

    private static String replay(ExtensionContext context, long seed) {
        return new ReportOrigin(context.getRequiredTestClass().getName(), context.getRequiredTestMethod().getName())
                .replayCommand(seed);
    }

    /** One line with verdict, level, worst error, seed and replay command: printed, and kept in the JUnit report. */
    static String summaryLine(String where, AuditReport report, String replay) {
        return String.format(Locale.ROOT, "[equivariance] %s: %s, level %s, max relative error %s, seed %d (replay: %s)",
                where, report.verdict(), report.level(), num(report.endToEnd().maxRelative()),
                report.seed(), replay);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : v == 0 ? "0" : String.format(Locale.ROOT, "%.3e", v);
    }

    /**
     * The class's model holder, created with the first test that needs it. Misconfigured suppliers are configuration
     * errors; a supplier that throws is the user's code failing.
     */
    private static ModelHolder holder(ExtensionContext context, AuditRequest request) {
        ExtensionContext classContext = context.getParent().orElse(context);
        Class<?> testClass = context.getRequiredTestClass();
        Member member;
        try {
            member = ModelSource.find(testClass, request.model);
        } catch (IllegalArgumentException e) {
            throw request.misconfigured(e.getMessage(), e, "model");
        }
        String name = ModelSource.nameOf(member);
        String key = "model:" + name;
        ExtensionContext.Store store = classContext.getStore(NAMESPACE);
        ModelHolder holder = store.get(key, ModelHolder.class);
        if (holder != null) {
            return holder;
        }
        synchronized (EquivarianceExtension.class) {
            holder = store.get(key, ModelHolder.class);
            if (holder == null) {
                Object model;
                try {
                    model = ModelSource.create(member);
                } catch (ModelSource.SupplierFailed e) {
                    throw new AuditException(request.where() + ": " + e.getMessage(), e.getCause());
                } catch (IllegalArgumentException e) {
                    throw request.misconfigured(e.getMessage(), e, "model");
                }
                String[] plan = dtypePlan(testClass, member);
                holder = new ModelHolder(model, testClass.getSimpleName() + "." + name,
                        plan[0] == null ? null : DType.parse(plan[0]), plan[1]);
                store.put(key, holder);
            }
            return holder;
        }
    }

    /**
     * The dtype the class's model is adapted in, and why: the one dtype every test of the class using it declares,
     * else (none, or several) the model's own. It does not depend on the order the tests run in.
     */
    private static String[] dtypePlan(Class<?> testClass, Member member) {
        TreeSet<String> declared = new TreeSet<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                try {
                    Optional<AuditRequest> r = AuditRequest.of(m);
                    if (r.isPresent() && ModelSource.find(testClass, r.get().model).equals(member)) {
                        declared.add(r.get().dtype.isBlank() ? "" : DType.parse(r.get().dtype).toString());
                    }
                } catch (RuntimeException e) {
                    // a misconfigured test says so when it runs
                }
            }
        }
        if (declared.size() == 1 && !declared.first().isEmpty()) {
            return new String[] {declared.first(), "the dtype every test of the class using it declares"};
        }
        if (declared.size() <= 1) {
            return new String[] {null, "its own dtype: no test of the class declares one"};
        }
        List<String> shown = declared.stream().map(d -> d.isEmpty() ? "none" : d).toList();
        return new String[] {null, "its own dtype, since the tests of the class using it declare different ones: "
                + String.join(", ", shown)};
    }

    private static SpecBuilder<?> specFromMethod(Class<?> testClass, AuditRequest request) {
        String name = request.spec;
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) {
                    if (!Modifier.isStatic(m.getModifiers())) {
                        throw request.misconfigured("the spec method " + name + " must be static", null, "spec");
                    }
                    Object spec;
                    try {
                        m.setAccessible(true);
                        spec = m.invoke(null);
                    } catch (InvocationTargetException e) {
                        throw new AuditException(request.where() + ": the spec method " + name + " threw "
                                + e.getCause(), e.getCause());
                    } catch (IllegalAccessException e) {
                        throw request.misconfigured("cannot call the spec method " + name, e, "spec");
                    }
                    if (spec instanceof SpecBuilder<?> b) {
                        return b;
                    }
                    throw request.misconfigured("the spec method " + name + " must return an AuditSpec.Builder "
                            + "(AuditSpec.builder()...) or Audit.of(model)..., got "
                            + (spec == null ? "null" : spec.getClass().getSimpleName()), null, "spec");
                }
            }
        }
        throw request.misconfigured("no static no-argument method '" + name + "' in " + testClass.getSimpleName(),
                null, "spec");
    }

    private static void publish(ExtensionContext context, Prepared prepared, AuditReport report) {
        String where = prepared.request().where();
        String replay = replay(context, report.seed());
        String summary = summaryLine(where, report, replay);
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("equivariance.verdict", report.verdict().toString());
        entries.put("equivariance.level", report.level().toString());
        entries.put("equivariance.maxRelativeError", num(report.endToEnd().maxRelative()));
        entries.put("equivariance.seed", Long.toString(report.seed()));
        entries.put("equivariance.replay", replay);
        entries.put("equivariance.summary", TextReport.summary(report));
        if (!prepared.warnings().isEmpty()) {
            entries.put("equivariance.warning", String.join("\n", prepared.warnings()));
        }
        entries.put("equivariance.report", TextReport.render(report));
        context.publishReportEntry(entries);
        ReportFiles.write(context, report, where);
        Settings.Print print = Settings.print(context);
        if (print == Settings.Print.NEVER) {
            return;
        }
        // Standard output is what Surefire keeps in its XML report (system-out) for passing tests too.
        StringBuilder out = new StringBuilder(summary);
        prepared.warnings().forEach(w -> out.append("\n  ").append(w));
        if (print == Settings.Print.ALWAYS || !report.acceptable()) {
            out.append("\n[").append(where).append("]\n").append(TextReport.render(report));
        }
        System.out.println(out);
    }

    /** Places a spec's own model (not a class's {@link ModelUnderTest}) once per device; closed with the test. */
    @SuppressWarnings("deprecation")
    private static final class OncePlacer implements ModelPlacer, ExtensionContext.Store.CloseableResource,
            AutoCloseable {

        private final Object model;
        private final List<long[]> shapes;
        private final DType dtype;
        private final Map<DeviceRequest, PlacedModel> placed = new LinkedHashMap<>();
        private boolean closed;

        OncePlacer(Object model, List<long[]> shapes, DType dtype) {
            this.model = model;
            this.shapes = shapes;
            this.dtype = dtype;
        }

        @Override
        public synchronized PlacedModel place(DeviceRequest device) {
            PlacedModel p = placed.get(device);
            if (p == null) {
                p = ModelAdapters.place(model, shapes, dtype, device);
                placed.put(device, p);
            }
            return p;
        }

        /** Closes the adapters in the model's turn (another test may be auditing the same model object). */
        @Override
        public void close() {
            ModelTurns.take(model, () -> {
                closeInTurn();
                return null;
            });
        }

        private synchronized void closeInTurn() {
            if (closed) {
                return;
            }
            closed = true;
            for (PlacedModel p : placed.values()) {
                if (p.model() != model) {
                    p.model().close();
                }
            }
        }
    }
}
