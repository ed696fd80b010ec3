package dev.equivariance.junit;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditException;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.AuditSpec;
import dev.equivariance.audit.InputSpec;
import dev.equivariance.audit.ModelPlacer;
import dev.equivariance.report.TextReport;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.ModelAdapters;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the audits declared with {@link EquivariantUnder} and {@link InvariantUnder}: builds the spec, creates the
 * class's model once, runs the audit before the method body, publishes the report to the JUnit report, and fails
 * the test with the text report unless the verdict is acceptable. Resolves {@link AuditReport} parameters.
 *
 * <p>System property {@code equivariance.report.print}: {@code failures} (default) prints the report of failing
 * audits to standard output, {@code always} every report, {@code never} none.
 *
 * <p>Every audit's report is also written as HTML, JSON and text files (with an index page) and attached to the
 * test in the JUnit report: {@code equivariance.report.dir} (default {@code target/equivariance-reports}) and
 * {@code equivariance.report.files=false} to turn this off.
 */
public final class EquivarianceExtension implements BeforeTestExecutionCallback, InvocationInterceptor,
        ParameterResolver {

    /** System property choosing which reports are printed to standard output. */
    public static final String PRINT_PROPERTY = "equivariance.report.print";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            EquivarianceExtension.class);

    /**
     * Runs the audit before parameters are resolved, so that an audit that cannot run here (CUDA requested and not
     * available) aborts the test with its reason instead of failing parameter resolution.
     */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        if (request(method).isPresent() && !PropertyRunner.isProperty(method)) {
            report(context);
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        Optional<AuditRequest> request = request(context.getRequiredTestMethod());
        if (request.isEmpty()) {
            invocation.proceed();
            return;
        }
        if (PropertyRunner.isProperty(invocationContext.getExecutable())) {
            invocation.skip();
            runProperty(invocationContext, context);
            return;
        }
        AuditReport report = report(context);
        if (!report.acceptable()) {
            invocation.skip();
            throw new AssertionFailedError(where(context) + " is not " + (report.invariant() ? "invariant" : "equivariant")
                    + " under " + report.symmetry() + " (verdict " + report.verdict() + ")\n\n"
                    + TextReport.render(report));
        }
        invocation.proceed();
    }

    /**
     * Resolves the {@link AuditReport} of an audit method, and placeholders for the generated parameters of a
     * property method (the extension invokes the body itself with generated values).
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (!(parameterContext.getDeclaringExecutable() instanceof Method m) || request(m).isEmpty()) {
            return false;
        }
        return parameterContext.getParameter().getType() == AuditReport.class
                ? !PropertyRunner.isProperty(m) : PropertyRunner.isGenerated(parameterContext.getParameter());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() != AuditReport.class) {
            return null;
        }
        try {
            return report(extensionContext);
        } catch (AuditException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    private static Optional<AuditRequest> request(Method method) {
        try {
            return AuditRequest.of(method);
        } catch (IllegalArgumentException e) {
            throw new AuditException(method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(): "
                    + e.getMessage(), e);
        }
    }

    /** The method's audit report, running the audit on first use. */
    private static AuditReport report(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        AuditReport cached = store.get("report", AuditReport.class);
        if (cached != null) {
            return cached;
        }
        AuditReport report = runAudit(context);
        store.put("report", report);
        publish(context, report);
        return report;
    }

    private static AuditReport runAudit(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Class<?> testClass = context.getRequiredTestClass();
        String where = where(context);
        try {
            AuditRequest request = request(method).orElseThrow();
            String seedKey = testClass.getName() + "#" + method.getName();
            AuditSpec.Builder builder;
            ModelHolder holder = null;
            if (!request.spec().isBlank()) {
                builder = specFromMethod(testClass, request.spec());
                request.applyCommon(builder);
                builder.seedKey(seedKey);
                if (!builder.hasModel()) {
                    holder = holder(context, request.model());
                    builder.model(holder.model());
                }
            } else {
                builder = request.toBuilder(seedKey);
                holder = holder(context, request.model());
                builder.model(holder.model());
            }
            AuditSpec spec = builder.build();
            if (holder == null) {
                return Audit.run(spec);
            }
            ModelPlacer placer = placer(holder, spec);
            AuditedModel model = Audit.place(spec, placer).model();
            if (!builder.hasModelName()) {
                spec = builder.modelName(holder.displayName() + " (" + model.name() + ")").build();
            }
            return Audit.run(spec, placer);
        } catch (AuditException | IllegalArgumentException e) {
            throw new AuditException(where + ": " + e.getMessage(), e);
        }
    }

    private static void runProperty(ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context)
            throws Throwable {
        Method method = invocationContext.getExecutable();
        String where = where(context);
        PropertyRunner.Stats stats;
        try {
            AuditRequest request = request(method).orElseThrow();
            String seedKey = context.getRequiredTestClass().getName() + "#" + method.getName();
            AuditSpec.Builder builder = request.spec().isBlank() ? request.toBuilder(seedKey)
                    : specFromMethod(context.getRequiredTestClass(), request.spec());
            if (!request.spec().isBlank()) {
                request.applyCommon(builder);
                builder.seedKey(seedKey);
            }
            ModelHolder holder = builder.hasModel() ? null : holder(context, request.model());
            if (holder != null) {
                builder.model(holder.model());
            }
            AuditSpec spec = builder.build();
            Object userModel = spec.model();
            ModelPlacer placer = holder != null ? placer(holder, spec) : device -> ModelAdapters.place(userModel,
                    spec.inputs().stream().map(InputSpec::shape).toList(), spec.dtype(), device);
            AuditedModel model = Audit.place(spec, placer).model();
            PropertyRunner runner = new PropertyRunner(method, invocationContext.getTarget().orElse(null),
                    invocationContext.getArguments().toArray(), spec, userModel, model);
            stats = runner.run();
        } catch (AuditException | IllegalArgumentException e) {
            throw new AuditException(where + ": " + e.getMessage(), e);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("equivariance.property.trials", Integer.toString(stats.trials()));
        entries.put("equivariance.property.edgeCases", Integer.toString(stats.edgeCases()));
        entries.put("equivariance.property.invocations", Integer.toString(stats.invocations()));
        context.publishReportEntry(entries);
    }

    /** Places the class's model for a spec, once per device, through its holder. */
    private static ModelPlacer placer(ModelHolder holder, AuditSpec spec) {
        List<long[]> shapes = spec.inputs().stream().map(InputSpec::shape).toList();
        return device -> holder.placed(shapes, spec.dtype(), device);
    }

    private static ModelHolder holder(ExtensionContext context, String name) {
        ExtensionContext classContext = context.getParent().orElse(context);
        Class<?> testClass = context.getRequiredTestClass();
        Member member = ModelSource.find(testClass, name);
        String key = "model:" + ModelSource.nameOf(member);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(key,
                k -> new ModelHolder(ModelSource.create(member), testClass.getSimpleName() + "."
                        + ModelSource.nameOf(member)), ModelHolder.class);
    }

    private static AuditSpec.Builder specFromMethod(Class<?> testClass, String name) {
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0) {
                    if (!Modifier.isStatic(m.getModifiers())) {
                        throw new IllegalArgumentException("spec method " + name + " must be static");
                    }
                    try {
                        m.setAccessible(true);
                        Object spec = m.invoke(null);
                        if (spec instanceof AuditSpec.Builder b) {
                            return b;
                        }
                        if (spec instanceof Audit.Runner r) {
                            return r.builder();
                        }
                        throw new IllegalArgumentException("spec method " + name + " must return an AuditSpec.Builder "
                                + "(AuditSpec.builder()...) or Audit.of(model)..., got "
                                + (spec == null ? "null" : spec.getClass().getSimpleName()));
                    } catch (InvocationTargetException e) {
                        throw new IllegalArgumentException("spec method " + name + " threw " + e.getCause(),
                                e.getCause());
                    } catch (IllegalAccessException e) {
                        throw new IllegalArgumentException("Cannot call spec method " + name, e);
                    }
                }
            }
        }
        throw new IllegalArgumentException("No static no-argument method '" + name + "' in "
                + testClass.getSimpleName() + " for spec = \"" + name + "\"");
    }

    private static void publish(ExtensionContext context, AuditReport report) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("equivariance.verdict", report.verdict().toString());
        entries.put("equivariance.summary", TextReport.summary(report));
        entries.put("equivariance.seed", Long.toString(report.seed()));
        entries.put("equivariance.report", TextReport.render(report));
        context.publishReportEntry(entries);
        ReportFiles.write(context, report, where(context));
        String mode = System.getProperty(PRINT_PROPERTY, "failures").toLowerCase(Locale.ROOT);
        if (mode.equals("always") || mode.equals("failures") && !report.acceptable()) {
            System.out.println("[" + where(context) + "]\n" + TextReport.render(report));
        }
    }

    private static String where(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName() + "()";
    }
}
