package dev.equivariance.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.models.PlanarVectorGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Lie derivative in the three reports, on the planar vector network with a biased mix: per generator and per
 * layer ranked, the broken layer first; absent for finite groups.
 */
class LieDerivativeReportTest {

    private static final Pattern LAYER_ROW = Pattern.compile("<tr data-layer=\"([^\"]+)\" data-max-relative=\"([^\"]+)\"");

    private static AuditReport broken() {
        return Audit.of(PlanarVectorGate.biasedMix()).group("SO(2)").input("vector", 2, PlanarVectorGate.POINTS, 2)
                .output("vector").samples(2).trials(8).seed(5).shrinkBudget(0).layers(true).run();
    }

    private static Map<String, Object> schema() {
        try (java.io.InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            return Json.object(Json.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theThreeReportsRankTheLayers_brokenMixFirst() {
        AuditReport report = broken();
        Matcher m = LAYER_ROW.matcher(HtmlReport.render(report));
        List<String> layers = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        while (m.find()) {
            layers.add(m.group(1));
            values.add(Double.parseDouble(m.group(2)));
        }
        assertThat(layers).containsExactly("02PointMix", "03NormGate", "01NormGate");
        assertThat(values.get(0)).isGreaterThan(1e-2);
        assertThat(values.subList(1, 3)).allSatisfy(v -> assertThat(v).isLessThan(1e-9));

        Object doc = Json.parse(JsonReport.render(report));
        assertThat(SchemaValidator.validate(schema(), doc)).isEmpty();
        Map<String, Object> lie = Json.object(Json.object(doc).get("lieDerivative"));
        assertThat(lie.get("dtype")).isEqualTo("float64");
        assertThat(Json.array(lie.get("generators"))).hasSize(1);
        assertThat(Json.array(lie.get("layers"))).extracting(l -> Json.object(l).get("name"))
                .containsExactly("02PointMix", "03NormGate", "01NormGate");

        String text = TextReport.render(report);
        assertThat(text).contains("LIE DERIVATIVE:");
        assertThat(text.indexOf("1. 02PointMix")).isPositive().isLessThan(text.indexOf("2. 03NormGate"));
    }

    @Test
    void forAFiniteGroup_theJsonMemberIsNull_andThePageHasNoLieDerivativeCard() {
        AuditReport report = Audit.of(dev.equivariance.models.DeepSets.build(4)).group("S(5)")
                .input("permute(axis=1)", 2, 5, 3).invariant().samples(2).trials(4).seed(1).run();
        assertThat(Json.object(Json.parse(JsonReport.render(report)))).containsEntry("lieDerivative", null);
        assertThat(HtmlReport.render(report)).doesNotContain("id=\"lie-derivative\"");
        assertThat(TextReport.render(report)).doesNotContain("LIE DERIVATIVE:");
    }
}
