package dev.equivariance.audit;

import dev.equivariance.search.HostArray;
import dev.equivariance.search.Seeds;
import dev.equivariance.tensor.AuditedModel;
import dev.equivariance.tensor.DeviceInfo;
import dev.equivariance.tensor.DeviceInventory;
import dev.equivariance.tensor.DeviceRequest;
import dev.equivariance.tensor.DeviceUnavailableException;
import dev.equivariance.tensor.PlacedModel;
import dev.equivariance.tensor.Tensor;
import dev.equivariance.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs an audit a second time on another device (the CPU for a GPU audit, the first GPU for a CPU audit) with the
 * same seed, so the same inputs and elements, and compares the errors and the outputs f(x) of the two devices. On a
 * machine without a GPU it records why it was skipped.
 */
final class CrossDeviceCheck {

    /** How many generated inputs the output comparison uses. */
    private static final int COMPARED_INPUTS = 2;

    private final AuditSpec spec;
    private final ModelPlacer placer;
    private final long seed;

    CrossDeviceCheck(AuditSpec spec, ModelPlacer placer, long seed) {
        this.spec = spec;
        this.placer = placer;
        this.seed = seed;
    }

    /** The report with the comparison added (and an issue when the devices disagree). */
    AuditReport compare(PlacedModel placed, AuditReport report) {
        DeviceInventory inventory = placed.selection().inventory();
        DeviceInfo here = placed.selection().device();
        if (!inventory.hasGpu()) {
            return report.withCrossDevice(CrossDeviceResult.skipped(here.toString(), "no GPU to compare with ("
                    + inventory.whyNoGpu() + ")"), List.of());
        }
        DeviceInfo other = otherDevice(here, inventory);
        PlacedModel second;
        try {
            second = placer.place(DeviceRequest.of(other));
        } catch (DeviceUnavailableException | IllegalArgumentException e) {
            return report.withCrossDevice(CrossDeviceResult.skipped(here.toString(), "the model cannot be placed on "
                    + other + " (" + e.getMessage() + ")"), List.of());
        }
        AuditReport otherReport = Audit.run(spec, second, seed);
        double[] gap = outputGap(placed.model(), second.model());
        CrossDeviceResult result = new CrossDeviceResult(true, "the same inputs and elements (seed " + seed + ") on "
                + here + " and " + other + "; outputs compared on " + (int) gap[2] + " input(s)", here.toString(),
                other.toString(), report.endToEnd().maxRelative(), otherReport.endToEnd().maxRelative(),
                otherReport.verdict(), gap[0], gap[1]);
        return report.withCrossDevice(result, issues(result, report, otherReport));
    }

    /** The device to compare with: the CPU for a GPU audit, else the first GPU (the inventory must have one). */
    static DeviceInfo otherDevice(DeviceInfo here, DeviceInventory inventory) {
        return here.gpu() ? DeviceInfo.cpu() : inventory.gpus().get(0);
    }

    /** A warning when the outputs or the verdicts of the two devices differ beyond the pass threshold. */
    static List<Issue> issues(CrossDeviceResult r, AuditReport report, AuditReport otherReport) {
        boolean outputsDiffer = !report.tolerance().passes(r.outputRelativeGap());
        boolean verdictsDiffer = report.verdict() != otherReport.verdict();
        if (!outputsDiffer && !verdictsDiffer) {
            return List.of();
        }
        return List.of(new Issue(IssueKind.DEVICE_DEPENDENCE,
                "The same model gives different results on " + r.device() + " and " + r.otherDevice()
                        + (verdictsDiffer ? " (verdict " + report.verdict() + " against " + otherReport.verdict() + ")"
                        : "") + ". GPU kernels may use TF32 matrix products or nondeterministic algorithms.",
                r.device() + " vs " + r.otherDevice(), Issue.Severity.WARNING,
                "Turn TF32 off (torch.backends.cuda.matmul.allow_tf32 = False, or NVIDIA_TF32_OVERRIDE=0), ask for "
                        + "deterministic algorithms, or audit in float64.",
                String.format(Locale.ROOT, "outputs: relative difference %.3g, max absolute %.3g; max relative "
                        + "equivariance error %.3g on %s, %.3g on %s", r.outputRelativeGap(), r.outputAbsoluteGap(),
                        r.maxRelative(), r.device(), r.otherMaxRelative(), r.otherDevice())));
    }

    /** {relative gap, max absolute gap, inputs compared} of the outputs of the two models on the first inputs. */
    private double[] outputGap(AuditedModel a, AuditedModel b) {
        List<Audit.Draw> draws = Audit.draw(spec, Seeds.inputRandom(seed));
        double diff = 0;
        double norm = 0;
        double maxAbs = 0;
        int compared = Math.min(COMPARED_INPUTS, draws.size());
        for (int i = 0; i < compared; i++) {
            List<double[]> ya = outputs(a, draws.get(i).input());
            List<double[]> yb = outputs(b, draws.get(i).input());
            for (int j = 0; j < ya.size(); j++) {
                double[] u = ya.get(j);
                double[] v = yb.get(j);
                for (int k = 0; k < u.length; k++) {
                    double d = v[k] - u[k];
                    diff += d * d;
                    norm += u[k] * u[k];
                    maxAbs = Math.max(maxAbs, Math.abs(d));
                }
            }
        }
        return new double[] {PairError.of(maxAbs, diff, norm).relative(), maxAbs, compared};
    }

    private static List<double[]> outputs(AuditedModel model, List<HostArray> input) {
        try (TensorScope scope = model.backend().openScope()) {
            List<Tensor> x = new ArrayList<>();
            for (HostArray h : input) {
                x.add(Uploads.inModelType(model.backend(), h, model.dtype()));
            }
            List<double[]> out = new ArrayList<>();
            for (Tensor y : model.forward(x)) {
                out.add(y.toDoubles());
            }
            return out;
        }
    }
}
