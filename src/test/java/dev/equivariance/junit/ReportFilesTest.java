package dev.equivariance.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.equivariance.junit.scenarios.DeepSetsScenarios;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class ReportFilesTest {

    @TempDir
    Path junitOutput;

    private EngineExecutionResults run(Class<?> testClass, String key, String value, String key2, String value2) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
                .configurationParameter(key, value).configurationParameter(key2, value2)
                .outputDirectoryProvider(new org.junit.platform.engine.reporting.OutputDirectoryProvider() {
                    @Override
                    public Path getRootDirectory() {
                        return junitOutput;
                    }

                    @Override
                    public Path createOutputDirectory(org.junit.platform.engine.TestDescriptor descriptor)
                            throws IOException {
                        return Files.createDirectories(junitOutput.resolve(
                                Integer.toHexString(descriptor.getUniqueId().toString().hashCode())));
                    }
                })
                .execute();
    }

    @Test
    void reportFilesAreWrittenNamedAfterTheTestAndAttachedToIt(@TempDir Path dir) throws IOException {
        EngineExecutionResults results = run(DeepSetsScenarios.Good.class, "equivariance.report.dir", dir.toString(),
                "equivariance.report.files", "true");

        results.testEvents().assertStatistics(s -> s.succeeded(1));
        String base = "DeepSetsScenarios.Good.orderOfElementsDoesNotMatter";
        assertThat(dir.resolve(base + ".html")).content().contains("data-verdict=\"PASS\"");
        assertThat(dir.resolve(base + ".json")).content().contains("\"verdict\": \"PASS\"")
                .contains("\"method\": \"orderOfElementsDoesNotMatter\"");
        assertThat(dir.resolve(base + ".txt")).content().contains("OVERALL VERDICT: PASS");
        assertThat(dir.resolve("index.html")).content().contains(base + ".html");
        List<String> attached = results.allEvents().fileEntryPublished().stream()
                .map(e -> e.getRequiredPayload(FileEntry.class).getPath().getFileName().toString()).toList();
        assertThat(attached).containsExactlyInAnyOrder(base + ".html", base + ".json", base + ".txt");
    }

    @Test
    void failingAuditsGetReportFilesToo(@TempDir Path dir) {
        run(DeepSetsScenarios.Broken.class, "equivariance.report.dir", dir.toString(), "equivariance.report.files",
                "true").testEvents().assertStatistics(s -> s.failed(1));
        assertThat(dir.resolve("DeepSetsScenarios.Broken.orderOfElementsDoesNotMatter.html")).content()
                .contains("data-verdict=\"FAIL\"").contains("id=\"counterexample\"");
    }

    @Test
    void whenReportFilesAreOff_nothingIsWrittenOrAttached(@TempDir Path dir) throws IOException {
        EngineExecutionResults results = run(DeepSetsScenarios.Good.class, "equivariance.report.dir",
                dir.toString(), "equivariance.report.files", "false");
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(results.allEvents().fileEntryPublished().count()).isZero();
    }

    @Test
    void whenTheDirectoryCannotBeWritten_theTestStillPassesAndOneLineIsLogged(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file, not a directory");
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EngineExecutionResults results;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            results = run(DeepSetsScenarios.Good.class, "equivariance.report.dir",
                    notADirectory.resolve("reports").toString(), "equivariance.report.files", "true");
        } finally {
            System.setErr(original);
        }
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        String logged = err.toString(StandardCharsets.UTF_8);
        assertThat(logged.lines().filter(l -> l.startsWith("[equivariance]")).toList()).singleElement()
                .asString().contains("could not write the report files of Good.orderOfElementsDoesNotMatter()");
    }
}
