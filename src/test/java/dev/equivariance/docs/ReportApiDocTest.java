package dev.equivariance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.AuditReport;
import dev.equivariance.models.DeepSets;
import dev.equivariance.report.HtmlReport;
import dev.equivariance.report.JsonReport;
import dev.equivariance.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The snippet of docs/reports.md that renders and writes a report outside the extension, as written there. */
class ReportApiDocTest {

    @Test
    void renderOrWriteAReportYourself() throws IOException {
        AuditReport report = Audit.of(DeepSets.build(8)).group("S(n)").input("permute(axis=1)", 2, 6, 3).invariant()
                .samples(2).trials(8).seed(3).run();
        Path written = Path.of("build/audits");
        boolean hadBuild = Files.exists(Path.of("build"));
        try {
            String json = JsonReport.render(report);
            String html = HtmlReport.render(report);
            ReportWriter.forDirectory(Path.of("build/audits")).write(report, null);   // files named after model and symmetry

            assertThat(json).startsWith("{").contains("\"verdict\"");
            assertThat(html).contains("<html");
            try (Stream<Path> files = Files.list(written)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.endsWith(".json")).anyMatch(n -> n.endsWith(".html"));
            }
        } finally {
            if (Files.exists(written)) {
                try (Stream<Path> all = Files.walk(hadBuild ? written : Path.of("build"))) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
