package dev.equivariance.report;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Counterexample;
import dev.equivariance.audit.CrossDeviceResult;
import dev.equivariance.audit.ElementResult;
import dev.equivariance.audit.ErrorStats;
import dev.equivariance.audit.GradientResult;
import dev.equivariance.audit.Issue;
import dev.equivariance.audit.LayerResult;
import dev.equivariance.audit.Level;
import dev.equivariance.audit.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Renders an {@link AuditReport} as the plain-text audit report printed by failing tests. */
public final class TextReport {

    private static final String RULE = "===============================";

    private TextReport() {
    }

    /** The full text report. The same report always renders to the same text. */
    public static String render(AuditReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("MODEL EQUIVARIANCE AUDIT REPORT\n").append(RULE).append('\n');
        line(sb, "Model", r.model());
        line(sb, "Intended Symmetry", r.symmetry());
        line(sb, "Symmetry Type", r.invariant() ? "Invariant" : "Equivariant");
        for (int k = 0; k < r.inputs().size(); k++) {
            line(sb, "Input #" + k, r.inputs().get(k));
        }
        for (int k = 0; k < r.outputs().size(); k++) {
            line(sb, "Output #" + k, r.outputs().get(k));
        }
        AuditReport.Environment env = r.environment();
        line(sb, "Backend", env.backend() + ", " + env.mode() + " mode");
        line(sb, "Device", env.device());
        if (!env.deviceSelection().equals(env.device())) {
            line(sb, "Device selection", env.deviceSelection());
        }
        line(sb, "Dtype", env.dtype());
        line(sb, "Threads", env.threads() > 0 ? env.threads() + " intra-op" : "unknown");
        line(sb, "Seed", r.seed() + "   (replay: -Dequivariance.seed=" + r.seed() + ")");

        sb.append("\nEND-TO-END TESTS:\n");
        sb.append("  Test samples: ").append(r.samples()).append("   Transformations tested: ")
                .append(r.transformations()).append("   Model evaluations: ").append(r.modelEvaluations()).append('\n');
        ErrorStats s = r.endToEnd();
        sb.append(String.format(Locale.ROOT, "  Mean absolute error: %s   Max absolute error: %s%n", num(s.meanAbsolute()),
                num(s.maxAbsolute())));
        sb.append(String.format(Locale.ROOT, "  Mean relative error: %s   Max relative error: %s%n", num(s.meanRelative()),
                num(s.maxRelative())));
        sb.append(String.format(Locale.ROOT, "  Level: %s (thresholds: exact < %s, pass < %s, broken >= %s)%n",
                r.level(), num(r.tolerance().exact()), num(r.tolerance().pass()), num(r.tolerance().broken())));
        sb.append("  RESULT: ").append(r.endToEndResult()).append('\n');
        worstElements(sb, r);

        if (!r.layers().isEmpty()) {
            sb.append("\nLAYER-WISE ANALYSIS:\n");
            int nameWidth = Math.max(5, r.layers().stream().mapToInt(l -> l.name().length()).max().orElse(5));
            int kindWidth = Math.max(4, r.layers().stream().mapToInt(l -> l.kind().length()).max().orElse(4));
            String row = "  %-3s %-" + nameWidth + "s %-" + kindWidth + "s %-11s %-11s %-7s %s%s%n";
            sb.append(String.format(Locale.ROOT, row, "#", "layer", "kind", "alone", "after", "result",
                    "action on its output", ""));
            int i = 0;
            for (LayerResult l : r.layers()) {
                sb.append(String.format(Locale.ROOT, row, Integer.toString(i++), l.name(), l.kind(),
                        Double.isNaN(l.localError()) ? "-" : num(l.localError()), num(l.propagatedError()),
                        l.level() == Level.BROKEN ? "FAIL" : l.level() == Level.APPROXIMATE ? "WARN" : "PASS",
                        l.action(), l.firstBreaking() ? "   <-- first breaking layer" : ""));
            }
            sb.append("  (alone: the layer on its own, layer(rho(g) h) vs rho(g) layer(h); after: the activation after it "
                    + "along the network)\n");
        }
        if (r.gradients().isPresent()) {
            GradientResult g = r.gradients().get();
            sb.append("\nGRADIENT TEST:\n");
            sb.append("  Loss: ").append(g.loss()).append('\n');
            sb.append("  Input-gradient error: ").append(gradientError(g.inputGradientError()))
                    .append("   Parameter-gradient error: ").append(gradientError(g.parameterGradientError()))
                    .append('\n');
            if (!g.worstParameters().isEmpty() && g.level() != Level.EXACT) {
                sb.append("  Worst parameters:");
                g.worstParameters().forEach(p -> sb.append(' ').append(p.name()).append(" (").append(num(p.relativeError()))
                        .append(')'));
                sb.append('\n');
            }
            if (!g.noGradient().isEmpty()) {
                sb.append("  No gradient (not judged): ").append(String.join(", ", g.noGradient())).append('\n');
            }
            if (!g.rule().isEmpty()) {
                sb.append("  Rule: ").append(g.rule()).append('\n');
            }
            sb.append("  ").append(g.note()).append('\n');
            sb.append("  RESULT: ").append(g.level() == Level.BROKEN ? "FAIL" : g.level() == Level.APPROXIMATE
                    ? "NEEDS_ATTENTION" : "PASS").append('\n');
        }

        r.lieDerivative().ifPresent(l -> lieDerivative(sb, l));
        r.crossDevice().ifPresent(c -> crossDevice(sb, c));
        r.selfCheck().ifPresent(c -> selfCheck(sb, c));

        sb.append("\nCOUNTEREXAMPLE:\n");
        if (r.counterexample().isPresent()) {
            Counterexample c = r.counterexample().get();
            sb.append("  Smallest failing element: ").append(c.element()).append('\n');
            sb.append("  Its relative error: ").append(num(c.error())).append("   on input shapes ")
                    .append(c.inputShapes()).append('\n');
            sb.append("  Shrunk from: ").append(c.originalElement()).append(" (error ").append(num(c.originalError()))
                    .append(") on generated input #").append(c.inputIndex()).append(" with shapes ")
                    .append(c.originalInputShapes()).append('\n');
            if (!c.inputChanges().isEmpty()) {
                sb.append("  Input simplified: ").append(String.join("; ", collapse(c.inputChanges()))).append('\n');
            }
            if (!c.inputValues().isEmpty()) {
                sb.append("  Input values (row-major): ").append(c.inputValues()).append('\n');
            }
            sb.append("  Shrinking: ").append(c.shrinkSteps()).append(" steps, ").append(c.evaluations())
                    .append(" model evaluations\n");
            sb.append("  Replay: -Dequivariance.seed=").append(r.seed()).append('\n');
        } else {
            sb.append("  none").append(r.verdict() == Verdict.PASS ? " (every tested transformation passed)" : "")
                    .append('\n');
        }

        sb.append("\nIDENTIFIED ISSUES:\n");
        if (r.issues().isEmpty()) {
            sb.append("  none\n");
        }
        int n = 1;
        for (Issue i : r.issues()) {
            sb.append("  ").append(n++).append(". ").append(i.title()).append(" [").append(i.severity()).append("]\n");
            sb.append("     ").append(i.description()).append('\n');
            sb.append("     Location: ").append(i.location()).append('\n');
            sb.append("     Fix: ").append(i.fix()).append('\n');
            sb.append("     Evidence: ").append(i.evidence()).append('\n');
        }
        if (!r.notes().isEmpty()) {
            sb.append("\nNOTES:\n");
            r.notes().forEach(note -> sb.append("  - ").append(note).append('\n'));
        }

        sb.append("\nOVERALL VERDICT: ").append(r.verdict());
        if (r.verdict() == Verdict.NEEDS_ATTENTION && r.approximateExpected()) {
            sb.append(" (approximate equivariance is expected by the test)");
        }
        sb.append('\n');
        List<String> recs = recommendations(r);
        if (!recs.isEmpty()) {
            sb.append("Recommendations:\n");
            recs.forEach(rec -> sb.append("  - ").append(rec).append('\n'));
        }
        return sb.toString();
    }

    private static void crossDevice(StringBuilder sb, CrossDeviceResult c) {
        sb.append("\nCROSS-DEVICE CHECK:\n");
        if (!c.compared()) {
            sb.append("  Skipped, the audit ran on ").append(c.device()).append(" only: ").append(c.note()).append('\n');
            return;
        }
        sb.append("  ").append(c.device()).append(" vs ").append(c.otherDevice()).append(": ").append(c.note())
                .append('\n');
        sb.append("  Max relative error: ").append(num(c.maxRelative())).append(" on ").append(c.device())
                .append(", ").append(num(c.otherMaxRelative())).append(" on ").append(c.otherDevice())
                .append(" (difference ").append(num(c.errorDifference())).append("); verdict on ")
                .append(c.otherDevice()).append(": ").append(c.otherVerdict()).append('\n');
        sb.append("  Outputs f(x): relative difference ").append(num(c.outputRelativeGap()))
                .append(", max absolute difference ").append(num(c.outputAbsoluteGap())).append('\n');
    }

    /** A one-line summary, e.g. for JUnit report entries. */
    public static String summary(AuditReport r) {
        return String.format(Locale.ROOT, "%s under %s: %s (max relative error %s, seed %d)", r.model(), r.symmetry(),
                r.verdict(), num(r.endToEnd().maxRelative()), r.seed());
    }

    private static void worstElements(StringBuilder sb, AuditReport r) {
        List<ElementResult> sorted = new ArrayList<>(r.elements());
        sorted.sort(Comparator.comparingDouble((ElementResult e) -> Double.isNaN(e.maxRelative())
                ? Double.MAX_VALUE : e.maxRelative()).reversed());
        int shown = Math.min(5, sorted.size());
        sb.append("  Worst elements:\n");
        for (int i = 0; i < shown; i++) {
            ElementResult e = sorted.get(i);
            sb.append(String.format(Locale.ROOT, "    %-10s %s%s%n", num(e.maxRelative()), e.element(),
                    e.edgeCase() ? "  (edge case)" : ""));
        }
    }

    static List<String> recommendations(AuditReport r) {
        List<String> out = new ArrayList<>();
        for (Issue i : r.issues()) {
            out.add(i.fix());
        }
        switch (r.verdict()) {
            case FAIL -> {
                if (out.isEmpty()) {
                    out.add("The model is not " + (r.invariant() ? "invariant" : "equivariant") + " under "
                            + r.symmetry() + ": check each layer against the declared actions, starting from the "
                            + "counterexample above.");
                }
            }
            case NEEDS_ATTENTION -> {
                if (out.isEmpty()) {
                    out.add("The error is small but above the pass threshold: check for approximations "
                            + "(interpolation, padding, low precision); if approximate equivariance is by design, "
                            + "declare it (allowApproximate = true).");
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** Joins repeated consecutive entries: {@code a; a; a} becomes {@code a (x3)}. */
    static List<String> collapse(List<String> items) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); ) {
            int j = i;
            while (j < items.size() && items.get(j).equals(items.get(i))) {
                j++;
            }
            out.add(items.get(i) + (j - i > 1 ? " (x" + (j - i) + ")" : ""));
            i = j;
        }
        return out;
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "%-19s %s%n", key + ":", value));
    }

    private static void selfCheck(StringBuilder sb, dev.equivariance.audit.SelfCheckResult c) {
        sb.append("\nAUDIT SELF-CHECK:\n");
        sb.append("  Planted: ").append(c.planted()).append("   Detected: ").append(c.detected())
                .append("   Located at their layer: ").append(c.located()).append('\n');
        for (dev.equivariance.audit.SelfCheckResult.Mutant m : c.mutants()) {
            sb.append(String.format(Locale.ROOT, "  %-40s %-12s error %s%s%n", m.name(),
                    m.detected() ? "DETECTED" : "NOT DETECTED", num(m.error()),
                    m.location().isEmpty() ? "" : "   at " + m.location()));
        }
    }

    /** A gradient error; NaN means nothing was judged (no gradient, or the dtype's limits). */
    private static String gradientError(double v) {
        return Double.isNaN(v) ? "not judged" : num(v);
    }

    private static void lieDerivative(StringBuilder sb, dev.equivariance.audit.LieDerivativeResult l) {
        sb.append("\nLIE DERIVATIVE:\n");
        sb.append(String.format(Locale.ROOT, "  d/dt rho_out(exp(tA))^-1 f(rho_in(exp(tA)) x) at t = 0, central "
                + "differences in %s, step %s, over %d input(s)%n", l.dtype(), l.step(), l.inputs()));
        sb.append("  generator                      mean |L|     max |L|      mean |L|/|f|  max |L|/|f|\n");
        for (dev.equivariance.audit.LieDerivativeResult.Generator g : l.generators()) {
            sb.append(String.format(Locale.ROOT, "  %-30s %-12s %-12s %-13s %s%n", g.name(), num(g.meanAbsolute()),
                    num(g.maxAbsolute()), num(g.meanRelative()), num(g.maxRelative())));
        }
        if (!l.layers().isEmpty()) {
            sb.append("  Per layer (the layer alone on its input activation), largest first:\n");
            int rank = 1;
            for (dev.equivariance.audit.LieDerivativeResult.LayerContribution c : l.layers()) {
                sb.append(String.format(Locale.ROOT, "    %d. %-24s %-12s |L|/|out| %s along %s%n", rank++, c.name(),
                        c.kind(), num(c.maxRelative()), c.generator()));
            }
        }
        for (String n : l.notes()) {
            sb.append("  ").append(n).append('\n');
        }
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
