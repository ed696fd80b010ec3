package dev.equivariance.audit;

import dev.equivariance.rep.Action;
import dev.equivariance.search.SampledElement;
import dev.equivariance.tensor.AuditedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns the raw pair errors of an audit into an {@link AuditReport}: statistics, verdict, counterexample, issues. */
final class ReportBuilder {

    private final AuditSpec spec;
    private final AuditedModel model;
    private final ShapeContext.Cache contexts;
    private final Tolerance tolerance;
    private final long seed;
    private final List<Audit.Sample> samples;
    private final PairError[][] errors;
    private final double determinismGap;

    ReportBuilder(AuditSpec spec, AuditedModel model, ShapeContext.Cache contexts, Tolerance tolerance, long seed,
                  List<Audit.Sample> samples, PairError[][] errors, double determinismGap) {
        this.spec = spec;
        this.model = model;
        this.contexts = contexts;
        this.tolerance = tolerance;
        this.seed = seed;
        this.samples = samples;
        this.errors = errors;
        this.determinismGap = determinismGap;
    }

    AuditReport build() {
        ErrorStats.Accumulator all = new ErrorStats.Accumulator();
        List<ElementResult> perElement = new ArrayList<>();
        List<ShapeContext> used = samples.stream().map(Audit.Sample::context).distinct().toList();
        for (ShapeContext ctx : used) {
            for (int j = 0; j < ctx.elements.size(); j++) {
                ErrorStats.Accumulator acc = new ErrorStats.Accumulator();
                for (Audit.Sample s : samples) {
                    if (s.context() == ctx) {
                        PairError e = errors[s.index()][j];
                        acc.add(e.absolute(), e.relative());
                        all.add(e.absolute(), e.relative());
                    }
                }
                ErrorStats st = acc.result();
                SampledElement se = ctx.elements.get(j);
                perElement.add(new ElementResult(se.element().toString(), se.edgeCase(),
                        dev.equivariance.search.Shrinker.complexity(ctx.group, se.element()), st.maxRelative(),
                        st.meanRelative(), st.maxAbsolute()));
            }
        }
        ErrorStats stats = all.result();
        Level level = tolerance.classify(stats.maxRelative());
        Verdict verdict = Verdict.of(level);
        List<Issue> issues = new ArrayList<>();

        if (!tolerance.passes(determinismGap)) {
            issues.add(new Issue("Nondeterministic model",
                    "Two forward passes on the same input gave different outputs, so no comparison can be trusted.",
                    "whole model", Issue.Severity.ERROR,
                    "Put the model in eval mode (dropout and batch-statistics off) and avoid nondeterministic kernels.",
                    String.format(Locale.ROOT, "relative difference between f(x) and f(x): %.3g", determinismGap)));
            verdict = Verdict.FAIL;
        }
        identityCheck(issues);

        Optional<Counterexample> counterexample = Optional.empty();
        if (verdict != Verdict.PASS && !nondeterministic(issues)) {
            counterexample = new CounterexampleSearch(spec, model, contexts, tolerance).find(samples, errors, issues);
            if (nondeterministic(issues)) {
                verdict = Verdict.FAIL;
            }
        }

        ShapeContext main = samples.get(0).context();
        List<String> inputDescriptions = new ArrayList<>();
        for (int k = 0; k < main.inputActions.size(); k++) {
            inputDescriptions.add(main.inputActions.get(k).describe() + " on shape "
                    + spec.inputs().get(k).describeShape());
        }
        List<Action> outputs = main.evaluator.outputActions();
        List<String> outputDescriptions = outputs == null ? List.of() : outputs.stream().map(Action::describe).toList();
        AuditReport.Environment env = new AuditReport.Environment(model.backend().name(), model.backend().device(),
                model.dtype().toString(), model.backend().threads(), model.mode());
        String name = spec.modelName() != null ? spec.modelName() : model.name();
        String symmetry = used.size() == 1 ? main.group.name() : spec.groupName() + " (sizes " + sizesSeen() + ")";
        boolean invariant = spec.invariant() || outputs != null && outputs.stream().allMatch(Action::isTrivial);
        return new AuditReport(name, symmetry, invariant, inputDescriptions, outputDescriptions, env, seed,
                samples.size(), spec.trials(), stats, level, tolerance, perElement, List.of(), Optional.empty(),
                counterexample, issues,
                contexts.notes(), verdict, spec.approximateExpected(), contexts.forwardCalls());
    }

    private String sizesSeen() {
        return samples.stream().map(s -> s.sizes().toString()).distinct().toList().toString();
    }

    private static boolean nondeterministic(List<Issue> issues) {
        return issues.stream().anyMatch(i -> i.title().startsWith("Nondeterministic"));
    }

    /** An error at the identity cannot come from the symmetry: the output action or the model itself is wrong. */
    private void identityCheck(List<Issue> issues) {
        double worst = 0;
        boolean tested = false;
        for (Audit.Sample s : samples) {
            List<SampledElement> elements = s.context().elements;
            for (int j = 0; j < elements.size(); j++) {
                if (elements.get(j).element().isIdentity()) {
                    tested = true;
                    worst = Math.max(worst, errors[s.index()][j].relative());
                }
            }
        }
        if (tested && !tolerance.passes(worst)) {
            issues.add(new Issue("Fails for the identity",
                    "f(e x) differs from rho_out(e) f(x) for the identity element e, which no symmetry bug can cause: "
                            + "the declared output transform is wrong, or the model's output depends on more than its "
                            + "input (randomness, or other samples in the batch).", "output transform",
                    Issue.Severity.ERROR,
                    "Check the declared output action (shape, axes), and that the model is deterministic and treats "
                            + "batch rows independently (eval mode for batch norm).",
                    String.format(Locale.ROOT, "max relative error at the identity: %.3g", worst)));
        }
    }

    static String shapes(List<long[]> shapes) {
        return shapes.stream().map(Arrays::toString).toList().toString();
    }
}
