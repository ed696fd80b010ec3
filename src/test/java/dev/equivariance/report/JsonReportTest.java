package dev.equivariance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.audit.ElementResult;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    private static Map<String, Object> schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            assertThat(in).as("schema on the class path at " + JsonReport.SCHEMA_RESOURCE).isNotNull();
            schema = Json.object(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    private static Map<String, Object> parse(AuditReport report) {
        return Json.object(Json.parse(JsonReport.render(report)));
    }

    @Test
    void schemaIsDraft2020_12AndNamesTheCurrentVersion() {
        assertThat(schema.get("$schema")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        Map<String, Object> version = Json.object(Json.object(schema.get("properties")).get("schemaVersion"));
        assertThat(Json.array(version.get("enum"))).containsExactly(JsonReport.SCHEMA_VERSION);
    }

    @Test
    void aSelfCheckedAuditValidatesAgainstTheSchema() {
        AuditReport report = dev.equivariance.audit.Audit.of(dev.equivariance.models.DeepSets.build(8)).group("S(n)")
                .input("permute(axis=1)", 4, 6, 3).invariant().trials(8).seed(44).selfCheck(true).run();
        Map<String, Object> json = parse(report);
        assertThat(SchemaValidator.validate(schema, json)).isEmpty();
        Map<String, Object> check = Json.object(json.get("selfCheck"));
        assertThat(((Number) check.get("planted")).intValue()).isPositive();
        assertThat(Json.array(check.get("mutants"))).hasSize(((Number) check.get("planted")).intValue());
    }

    @Test
    void passingAuditValidatesAgainstTheSchema() {
        Map<String, Object> json = parse(Reports.passing());

        assertThat(SchemaValidator.validate(schema, json)).isEmpty();
        assertThat(json.get("verdict")).isEqualTo("PASS");
        assertThat(json.get("counterexample")).isNull();
        assertThat(json.get("symmetry")).isEqualTo("S(6)");
        assertThat(Json.array(json.get("elements"))).hasSize(Reports.passing().elements().size());
    }

    @Test
    void failingAuditValidatesAndCarriesItsCounterexample() {
        AuditReport report = Reports.failing();
        Map<String, Object> json = parse(report);

        assertThat(SchemaValidator.validate(schema, json)).isEmpty();
        assertThat(json.get("verdict")).isEqualTo("FAIL");
        assertThat(json.get("acceptable")).isEqualTo(false);
        Map<String, Object> ce = Json.object(json.get("counterexample"));
        assertThat(ce.get("element")).isEqualTo(report.counterexample().orElseThrow().element());
        assertThat(ce.get("seed")).isEqualTo(BigDecimal.valueOf(report.seed()));
        assertThat(json.get("replay")).isEqualTo("-Dequivariance.seed=1");
    }

    @Test
    void reportWithEveryPartValidates_nonFiniteNumbersAreNull() {
        Map<String, Object> json = parse(Reports.synthetic());

        assertThat(SchemaValidator.validate(schema, json)).isEmpty();
        Map<String, Object> endToEnd = Json.object(json.get("endToEnd"));
        assertThat(endToEnd).containsEntry("maxRelative", null).containsEntry("maxAbsolute", null);
        List<Object> layers = Json.array(json.get("layers"));
        assertThat(layers).hasSize(4);
        assertThat(Json.object(layers.get(1))).containsEntry("localError", null);
        assertThat(Json.object(layers.get(2))).containsEntry("firstBreaking", true);
        assertThat(Json.object(json.get("gradients"))).containsEntry("parameterGradientError", null);
        assertThat(json.get("seed")).isEqualTo(BigDecimal.valueOf(Long.MAX_VALUE));
    }

    @Test
    void stringsAreEscapedAndReadBackUnchanged() {
        AuditReport report = Reports.synthetic();
        Map<String, Object> json = parse(report);

        List<Object> elements = Json.array(json.get("elements"));
        String weird = report.elements().get(report.elements().size() - 1).element();
        assertThat(Json.object(elements.get(elements.size() - 1)).get("element")).isEqualTo(weird);
        assertThat(json.get("model")).isEqualTo("Synthetic </script> model");
        assertThat(JsonReport.render(report)).contains("\\u0001").contains("\\n\\t").doesNotContain("\u0001");
    }

    @Test
    void numbersAreJsonNumbersThatReadBackExactly() {
        AuditReport report = Reports.passing();
        Map<String, Object> json = parse(report);

        List<Object> elements = Json.array(json.get("elements"));
        for (int i = 0; i < elements.size(); i++) {
            ElementResult e = report.elements().get(i);
            Map<String, Object> read = Json.object(elements.get(i));
            assertThat(((BigDecimal) read.get("maxRelative")).doubleValue()).isEqualTo(e.maxRelative());
            assertThat(((BigDecimal) read.get("distance")).doubleValue()).isEqualTo(e.distance());
        }
        assertThat(json.get("samples")).isEqualTo(BigDecimal.valueOf(report.samples()));
    }

    @Test
    void keysComeInTheSchemaOrder_andTheSameReportRendersTheSameText() {
        Map<String, Object> json = parse(Reports.failing());

        assertThat(List.copyOf(json.keySet())).isEqualTo(Json.array(schema.get("required")));
        assertThat(JsonReport.render(Reports.failing())).isEqualTo(JsonReport.render(Reports.failing()));
    }

    @Test
    void originNamesTheTestAndGivesTheMavenReplayCommand() {
        ReportOrigin origin = new ReportOrigin("com.acme.ShapesTest$Nested", "rotations");
        Map<String, Object> json = Json.object(Json.parse(JsonReport.render(Reports.passing(), origin)));

        assertThat(SchemaValidator.validate(schema, json)).isEmpty();
        assertThat(Json.object(json.get("test"))).containsEntry("class", "com.acme.ShapesTest$Nested")
                .containsEntry("method", "rotations");
        assertThat(json.get("replay")).isEqualTo("mvn test -Dtest='ShapesTest$Nested#rotations' -Dequivariance.seed=1");
    }

    @Test
    void validatorRejectsWhatTheSchemaForbids() {
        Map<String, Object> json = new LinkedHashMap<>(parse(Reports.failing()));
        json.remove("seed");
        json.put("verdict", "MAYBE");
        json.put("samples", new BigDecimal("2.5"));
        json.put("extra", true);
        Map<String, Object> environment = new LinkedHashMap<>(Json.object(json.get("environment")));
        environment.put("threads", "two");
        json.put("environment", environment);
        List<Object> elements = new java.util.ArrayList<>(Json.array(json.get("elements")));
        Map<String, Object> first = new LinkedHashMap<>(Json.object(elements.get(0)));
        first.put("edgeCase", "yes");
        elements.set(0, first);
        json.put("elements", elements);

        assertThat(SchemaValidator.validate(schema, json)).containsExactlyInAnyOrder(
                ": missing required property seed",
                "/environment/threads: expected type integer, got String two",
                "/elements/0/edgeCase: expected type boolean, got String yes",
                "/samples: expected type integer, got BigDecimal 2.5",
                "/verdict: MAYBE is not one of [PASS, NEEDS_ATTENTION, FAIL]",
                ": unexpected property extra");
    }

    @Test
    void parserRejectsMalformedJson() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{\"a\": NaN}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("duplicate key");
    }
}
