package dev.equivariance.report;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.Counterexample;
import dev.equivariance.audit.ElementResult;
import dev.equivariance.audit.ErrorStats;
import dev.equivariance.audit.GradientResult;
import dev.equivariance.audit.Issue;
import dev.equivariance.audit.LayerResult;
import dev.equivariance.audit.Tolerance;

/**
 * Renders an {@link AuditReport} as JSON, described by the JSON Schema {@value #SCHEMA_RESOURCE} on the class path.
 *
 * <p>The document has the same content as the text report, in a fixed key order (the same report always renders
 * to the same text). Every key is always present: an absent optional part (counterexample, gradient audit, test
 * origin) is {@code null}, an empty list is {@code []}.
 *
 * <p>Numbers are JSON numbers. JSON has no NaN or Infinity, so a non-finite error is written as {@code null}: NaN
 * when the model produced NaN or a value was not computed (e.g. the local error of a layer that cannot run alone,
 * a gradient check that was skipped), Infinity when a value overflowed. The level fields still classify such
 * values ({@code BROKEN} for NaN). The seed is a 64-bit integer; JavaScript readers lose precision above 2^53,
 * so {@code replay} repeats it as text.
 */
public final class JsonReport {

    /** The version of the document's shape: the minor part grows when fields are added, the major when changed. */
    public static final String SCHEMA_VERSION = "1.4";

    /** The class-path location of the JSON Schema (draft 2020-12) that every rendered report validates against. */
    public static final String SCHEMA_RESOURCE = "/dev/equivariance/report/audit-report.schema.json";

    private JsonReport() {
    }

    /** The report as a JSON document, without a test origin. */
    public static String render(AuditReport report) {
        return render(report, null);
    }

    /** The report as a JSON document; {@code origin} (may be null) names the test and gives the replay command. */
    public static String render(AuditReport r, ReportOrigin origin) {
        JsonWriter w = new JsonWriter().beginObject();
        w.member("schemaVersion", SCHEMA_VERSION);
        w.member("model", r.model());
        w.member("symmetry", r.symmetry());
        w.member("invariant", r.invariant());
        w.member("inputs", r.inputs());
        w.member("outputs", r.outputs());
        environment(w, r.environment());
        w.member("seed", r.seed());
        w.member("replay", ReportOrigin.replay(origin, r.seed()));
        origin(w, origin);
        w.member("samples", r.samples());
        w.member("transformations", r.transformations());
        w.member("modelEvaluations", r.modelEvaluations());
        endToEnd(w, r);
        w.member("level", r.level().name());
        tolerance(w, r.tolerance());
        w.key("elements").beginArray();
        r.elements().forEach(e -> element(w, e));
        w.endArray();
        w.key("layers").beginArray();
        r.layers().forEach(l -> layer(w, l));
        w.endArray();
        w.key("gradients");
        r.gradients().ifPresentOrElse(g -> gradients(w, g), w::nullValue);
        w.key("positionErrors");
        r.positionErrors().ifPresentOrElse(map -> {
            w.beginArray();
            for (double[] row : map) {
                w.beginArray();
                for (double v : row) {
                    w.value(v);
                }
                w.endArray();
            }
            w.endArray();
        }, w::nullValue);
        w.key("lieDerivative");
        r.lieDerivative().ifPresentOrElse(l -> lieDerivative(w, l), w::nullValue);
        w.key("crossDevice");
        r.crossDevice().ifPresentOrElse(c -> crossDevice(w, c), w::nullValue);
        w.key("selfCheck");
        r.selfCheck().ifPresentOrElse(c -> selfCheck(w, c), w::nullValue);
        w.key("counterexample");
        r.counterexample().ifPresentOrElse(c -> counterexample(w, c, r.seed()), w::nullValue);
        w.key("issues").beginArray();
        r.issues().forEach(i -> issue(w, i));
        w.endArray();
        w.member("notes", r.notes());
        w.member("verdict", r.verdict().name());
        w.member("approximateExpected", r.approximateExpected());
        w.member("acceptable", r.acceptable());
        return w.endObject().toString();
    }

    private static void environment(JsonWriter w, AuditReport.Environment e) {
        w.key("environment").beginObject()
                .member("backend", e.backend())
                .member("device", e.device())
                .member("dtype", e.dtype())
                .member("threads", e.threads())
                .member("mode", e.mode())
                .member("deviceSelection", e.deviceSelection())
                .endObject();
    }

    private static void selfCheck(JsonWriter w, dev.equivariance.audit.SelfCheckResult c) {
        w.beginObject()
                .member("planted", c.planted())
                .member("detected", c.detected())
                .member("located", c.located());
        w.key("mutants").beginArray();
        for (dev.equivariance.audit.SelfCheckResult.Mutant m : c.mutants()) {
            w.beginObject()
                    .member("name", m.name())
                    .member("detected", m.detected())
                    .member("error", m.error())
                    .member("location", m.location())
                    .endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void lieDerivative(JsonWriter w, dev.equivariance.audit.LieDerivativeResult l) {
        w.beginObject()
                .member("dtype", l.dtype())
                .member("step", l.step())
                .member("inputs", l.inputs());
        w.key("generators").beginArray();
        for (dev.equivariance.audit.LieDerivativeResult.Generator g : l.generators()) {
            w.beginObject()
                    .member("name", g.name())
                    .member("meanAbsolute", g.meanAbsolute())
                    .member("maxAbsolute", g.maxAbsolute())
                    .member("meanRelative", g.meanRelative())
                    .member("maxRelative", g.maxRelative())
                    .endObject();
        }
        w.endArray();
        w.key("layers").beginArray();
        for (dev.equivariance.audit.LieDerivativeResult.LayerContribution c : l.layers()) {
            w.beginObject()
                    .member("name", c.name())
                    .member("kind", c.kind())
                    .member("generator", c.generator())
                    .member("maxAbsolute", c.maxAbsolute())
                    .member("maxRelative", c.maxRelative())
                    .endObject();
        }
        w.endArray();
        w.member("notes", l.notes());
        w.endObject();
    }

    private static void crossDevice(JsonWriter w, dev.equivariance.audit.CrossDeviceResult c) {
        w.beginObject()
                .member("compared", c.compared())
                .member("note", c.note())
                .member("device", c.device())
                .member("otherDevice", c.otherDevice())
                .member("maxRelative", c.maxRelative())
                .member("otherMaxRelative", c.otherMaxRelative());
        w.key("otherVerdict");
        if (c.otherVerdict() == null) {
            w.nullValue();
        } else {
            w.value(c.otherVerdict().name());
        }
        w.member("outputRelativeGap", c.outputRelativeGap())
                .member("outputAbsoluteGap", c.outputAbsoluteGap())
                .endObject();
    }

    private static void origin(JsonWriter w, ReportOrigin origin) {
        w.key("test");
        if (origin == null) {
            w.nullValue();
            return;
        }
        w.beginObject().member("class", origin.testClass()).member("method", origin.testMethod()).endObject();
    }

    private static void endToEnd(JsonWriter w, AuditReport r) {
        ErrorStats s = r.endToEnd();
        w.key("endToEnd").beginObject()
                .member("pairs", s.count())
                .member("meanAbsolute", s.meanAbsolute())
                .member("maxAbsolute", s.maxAbsolute())
                .member("meanRelative", s.meanRelative())
                .member("maxRelative", s.maxRelative())
                .member("result", r.endToEndResult())
                .endObject();
    }

    private static void tolerance(JsonWriter w, Tolerance t) {
        w.key("tolerance").beginObject()
                .member("exact", t.exact())
                .member("pass", t.pass())
                .member("broken", t.broken())
                .endObject();
    }

    private static void element(JsonWriter w, ElementResult e) {
        w.beginObject()
                .member("element", e.element())
                .member("edgeCase", e.edgeCase())
                .member("distance", e.distance())
                .member("maxRelative", e.maxRelative())
                .member("meanRelative", e.meanRelative())
                .member("maxAbsolute", e.maxAbsolute())
                .member("angle", e.angleDegrees())
                .member("reflected", e.reflected())
                .endObject();
    }

    private static void layer(JsonWriter w, LayerResult l) {
        w.beginObject()
                .member("name", l.name())
                .member("kind", l.kind())
                .member("localError", l.localError())
                .member("propagatedError", l.propagatedError())
                .member("action", l.action())
                .member("level", l.level().name())
                .member("firstBreaking", l.firstBreaking())
                .endObject();
    }

    private static void gradients(JsonWriter w, GradientResult g) {
        w.beginObject()
                .member("loss", g.loss())
                .member("inputGradientError", g.inputGradientError())
                .member("parameterGradientError", g.parameterGradientError());
        w.key("worstParameters").beginArray();
        for (GradientResult.ParameterError p : g.worstParameters()) {
            w.beginObject().member("name", p.name()).member("relativeError", p.relativeError()).endObject();
        }
        w.endArray();
        w.member("noGradient", g.noGradient());
        w.member("rule", g.rule());
        w.member("level", g.level().name()).member("note", g.note()).endObject();
    }

    private static void counterexample(JsonWriter w, Counterexample c, long seed) {
        w.beginObject()
                .member("element", c.element())
                .member("error", c.error())
                .member("inputShapes", c.inputShapes())
                .member("originalElement", c.originalElement())
                .member("originalError", c.originalError())
                .member("inputIndex", c.inputIndex())
                .member("originalInputShapes", c.originalInputShapes())
                .member("inputChanges", c.inputChanges())
                .member("inputValues", c.inputValues().isEmpty() ? null : c.inputValues())
                .member("shrinkSteps", c.shrinkSteps())
                .member("evaluations", c.evaluations())
                .member("seed", seed)
                .endObject();
    }

    private static void issue(JsonWriter w, Issue i) {
        w.beginObject()
                .member("kind", i.kind().name())
                .member("title", i.title())
                .member("severity", i.severity().name())
                .member("description", i.description())
                .member("location", i.location())
                .member("fix", i.fix())
                .member("evidence", i.evidence())
                .endObject();
    }
}
