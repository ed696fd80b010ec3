package dev.equivariance.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.models.SetAttention;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gradient section of the reports: "no gradient" entries and the rule with its floor. */
class GradientReportTest {

    @Test
    void theJsonReportCarriesNoGradientAndTheRule_andValidates() throws IOException {
        AuditReport report = Audit.of(SetAttention.build(8)).group("S(n)").input("permute(axis=1)", 2, 6, 3)
                .output("permute(axis=1)").samples(2).trials(8).seed(1).gradients(true).run();
        Map<String, Object> schema;
        try (InputStream in = JsonReport.class.getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            schema = Json.object(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        Map<String, Object> json = Json.object(Json.parse(JsonReport.render(report)));
        assertThat(SchemaValidator.validate(schema, json)).isEmpty();
        Map<String, Object> g = Json.object(json.get("gradients"));
        assertThat(Json.array(g.get("noGradient"))).containsExactly("02key_bias");
        assertThat((String) g.get("rule")).contains("F = max(100 eps S, smallest normal)");
        assertThat(HtmlReport.render(report)).contains("No gradient (not judged)").contains("02key_bias");
    }
}
