package dev.equivariance.audit;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.rep.Action;
import dev.equivariance.search.HostArray;
import dev.equivariance.search.SampledElement;
import dev.equivariance.tensor.AuditedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns the raw pair errors of an audit into an {@link AuditReport}: statistics, verdict, counterexample, issues. */
final class ReportBuilder {

    private final AuditSpec spec;
    private final AuditedModel model;
    private final Group<?> group;
    private final List<Action> inputActions;
    private final Evaluator evaluator;
    private final Tolerance tolerance;
    private final long seed;
    private final List<SampledElement> sampled;
    private final List<List<HostArray>> inputs;
    private final PairError[][] errors;
    private final double determinismGap;

    ReportBuilder(AuditSpec spec, AuditedModel model, Group<?> group, List<Action> inputActions, Evaluator evaluator,
                  Tolerance tolerance, long seed, List<SampledElement> sampled, List<List<HostArray>> inputs,
                  PairError[][] errors, double determinismGap) {
        this.spec = spec;
        this.model = model;
        this.group = group;
        this.inputActions = inputActions;
        this.evaluator = evaluator;
        this.tolerance = tolerance;
        this.seed = seed;
        this.sampled = sampled;
        this.inputs = inputs;
        this.errors = errors;
        this.determinismGap = determinismGap;
    }

    AuditReport build() {
        ErrorStats.Accumulator all = new ErrorStats.Accumulator();
        List<ElementResult> perElement = new ArrayList<>();
        for (int j = 0; j < sampled.size(); j++) {
            ErrorStats.Accumulator acc = new ErrorStats.Accumulator();
            for (PairError[] row : errors) {
                acc.add(row[j].absolute(), row[j].relative());
                all.add(row[j].absolute(), row[j].relative());
            }
            ErrorStats s = acc.result();
            perElement.add(new ElementResult(sampled.get(j).element().toString(), sampled.get(j).edgeCase(),
                    s.maxRelative(), s.meanRelative(), s.maxAbsolute()));
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
        if (verdict != Verdict.PASS && issues.stream().noneMatch(i -> i.title().startsWith("Nondeterministic"))) {
            List<GroupElement> elements = sampled.stream().map(SampledElement::element).toList();
            counterexample = Audit.counterexample(group, evaluator, model, elements, inputs, errors, tolerance,
                    spec.shrinkBudget(), issues);
            if (issues.stream().anyMatch(i -> i.title().startsWith("Nondeterministic"))) {
                verdict = Verdict.FAIL;
            }
        }

        List<String> notes = new ArrayList<>(evaluator.notes());
        List<String> inputDescriptions = new ArrayList<>();
        for (int k = 0; k < inputActions.size(); k++) {
            inputDescriptions.add(inputActions.get(k).describe() + " on shape "
                    + java.util.Arrays.toString(spec.inputs().get(k).shape()));
        }
        List<String> outputDescriptions = evaluator.outputActions() == null ? List.of()
                : evaluator.outputActions().stream().map(Action::describe).toList();
        AuditReport.Environment env = new AuditReport.Environment(model.backend().name(), model.backend().device(),
                model.dtype().toString(), model.backend().threads(), model.mode());
        String name = spec.modelName() != null ? spec.modelName() : model.name();
        return new AuditReport(name, group.name(), spec.invariant() || outputDescriptions.stream()
                .allMatch(d -> d.equals("trivial")), inputDescriptions, outputDescriptions, env, seed, inputs.size(),
                sampled.size(), stats, level, tolerance, perElement, counterexample, issues, notes, verdict,
                spec.approximateExpected(), evaluator.forwardCalls());
    }

    /** An error at the identity cannot come from the symmetry: the output action or the model itself is wrong. */
    private void identityCheck(List<Issue> issues) {
        for (int j = 0; j < sampled.size(); j++) {
            if (!sampled.get(j).element().isIdentity()) {
                continue;
            }
            double worst = 0;
            for (PairError[] row : errors) {
                worst = Math.max(worst, row[j].relative());
            }
            if (!tolerance.passes(worst)) {
                issues.add(new Issue("Fails for the identity",
                        "f(e x) differs from rho_out(e) f(x) for the identity element e, which no symmetry bug can "
                                + "cause: the declared output transform is wrong, or the model is not a function of "
                                + "its input alone.", "output transform", Issue.Severity.ERROR,
                        "Check the declared output action (shape, axes), and that the model is deterministic.",
                        String.format(Locale.ROOT, "max relative error at the identity: %.3g", worst)));
            }
        }
    }
}
