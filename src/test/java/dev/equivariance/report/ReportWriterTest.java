package dev.equivariance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @Test
    void writesHtmlJsonAndTextNamedAfterTheTest_andAnIndexLinkingThem(@TempDir Path dir) throws Exception {
        ReportWriter writer = ReportWriter.forDirectory(dir.resolve("reports"));
        ReportWriter.Written files = writer.write(Reports.failing(),
                new ReportOrigin("com.acme.SetsTest$Nested", "order matters?"));

        assertThat(files.html()).hasFileName("SetsTest.Nested.order_matters.html").exists();
        assertThat(files.json()).hasFileName("SetsTest.Nested.order_matters.json").content()
                .contains("\"verdict\": \"FAIL\"");
        assertThat(files.text()).hasFileName("SetsTest.Nested.order_matters.txt").content()
                .contains("OVERALL VERDICT: FAIL");
        assertThat(files.html()).content().contains("href=\"index.html\"")
                .contains("href=\"SetsTest.Nested.order_matters.json\"");
        assertThat(files.index()).hasFileName("index.html").content()
                .contains("<a href=\"SetsTest.Nested.order_matters.html\">SetsTest.<wbr>Nested.<wbr>order matters?</a>")
                .contains("1 audit written by this test run");
        try (Stream<Path> all = Files.list(writer.directory())) {
            assertThat(all.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder("index.html", "SetsTest.Nested.order_matters.html",
                            "SetsTest.Nested.order_matters.json", "SetsTest.Nested.order_matters.txt",
                            ReportWriter.SHARED_DIR);
        }
        try (Stream<Path> shared = Files.list(writer.directory().resolve(ReportWriter.SHARED_DIR))) {
            assertThat(shared.map(p -> p.getFileName().toString())).as("the lock and this JVM's rows")
                    .hasSize(2).contains("lock").allMatch(n -> n.equals("lock") || n.endsWith(".rows"));
        }
    }

    @Test
    void whenTheIndexIsDeferred_itIsWrittenOnceOnFlush_withEveryAudit(@TempDir Path dir) throws Exception {
        ReportWriter writer = new ReportWriter(dir, "301-1");
        Path index = writer.writeDeferringIndex(Reports.passing(), new ReportOrigin("a.FirstTest", "audit"), "run-3")
                .index();
        writer.writeDeferringIndex(Reports.failing(), new ReportOrigin("a.SecondTest", "audit"), "run-3");
        assertThat(dir.resolve("FirstTest.audit.html")).exists();
        assertThat(index).doesNotExist();

        writer.flushIndex();
        assertThat(Files.readString(index)).contains("2 audits written by this test run")
                .contains("FirstTest.audit.html").contains("SecondTest.audit.html");
    }

    @Test
    void jvmsOfOneRun_shareTheIndex_andAnotherRunStartsItAfresh(@TempDir Path dir) throws Exception {
        ReportWriter fork1 = new ReportWriter(dir, "101-1");
        ReportWriter fork2 = new ReportWriter(dir, "102-1");
        fork1.write(Reports.passing(), new ReportOrigin("a.FirstTest", "audit"), "run-1");
        Path index = fork2.write(Reports.failing(), new ReportOrigin("a.SecondTest", "audit"), "run-1").index();
        String html = Files.readString(index);
        assertThat(html).contains("2 audits written by this test run").contains("FirstTest.audit.html")
                .contains("SecondTest.audit.html");
        // the first fork writes again: the page still has the second fork's audit
        fork1.write(Reports.passing(), new ReportOrigin("a.ThirdTest", "audit"), "run-1");
        assertThat(Files.readString(index)).contains("3 audits written by this test run").contains("SecondTest");

        ReportWriter nextRun = new ReportWriter(dir, "201-2");
        nextRun.write(Reports.passing(), new ReportOrigin("a.FirstTest", "audit"), "run-2");
        assertThat(Files.readString(index)).contains("1 audit written by this test run").doesNotContain("SecondTest");
        try (Stream<Path> rows = Files.list(dir.resolve(ReportWriter.SHARED_DIR))) {
            assertThat(rows.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rows")))
                    .as("the earlier run's rows are gone").containsExactly("run-2--201-2.rows");
        }
    }

    @Test
    void indexRowsSurviveTheirTextForm() {
        ReportIndex.Row row = new ReportIndex.Row("A.b", dev.equivariance.audit.Verdict.FAIL, "Tab\tand\nnewline \\",
                "model", "S(4)", 0.25, dev.equivariance.audit.Level.BROKEN);
        assertThat(ReportIndex.Row.decode(row.encode())).isEqualTo(row);
        assertThat(row.encode()).doesNotContain("\n");
        assertThat(ReportIndex.Row.decode("not a row")).isNull();
    }

    @Test
    void indexListsEveryAudit_failuresFirst_andReplacesARewrittenOne(@TempDir Path dir) throws Exception {
        ReportWriter writer = ReportWriter.forDirectory(dir);
        writer.write(Reports.passing(), new ReportOrigin("a.ATest", "passes"));
        writer.write(Reports.failing(), new ReportOrigin("a.ZTest", "fails"));
        Path index = writer.write(Reports.passing(), new ReportOrigin("a.ATest", "passes")).index();

        String html = Files.readString(index);
        assertThat(html).contains("2 audits written by this test run").contains(">1 PASS<").contains(">1 FAIL<")
                .contains(">0 NEEDS ATTENTION<");
        assertThat(html.indexOf("ZTest.fails.html")).isLessThan(html.indexOf("ATest.passes.html"));
        assertThat(html).contains(TextReport.num(Reports.failing().endToEnd().maxRelative()));
    }

    @Test
    void sameDirectorySharesOneWriter_sameNameFromAnotherClassGetsACounter(@TempDir Path dir) throws Exception {
        assertThat(ReportWriter.forDirectory(dir)).isSameAs(ReportWriter.forDirectory(dir.resolve(".")));
        ReportWriter writer = ReportWriter.forDirectory(dir);

        Path first = writer.write(Reports.passing(), new ReportOrigin("one.SetsTest", "order")).html();
        Path second = writer.write(Reports.passing(), new ReportOrigin("two.SetsTest", "order")).html();

        assertThat(first).hasFileName("SetsTest.order.html");
        assertThat(second).hasFileName("SetsTest.order-2.html");
        assertThat(writer.write(Reports.passing(), new ReportOrigin("one.SetsTest", "order")).html()).isEqualTo(first);
    }

    @Test
    void auditsOutsideATestAreNamedAfterModelAndSymmetry(@TempDir Path dir) throws Exception {
        Path html = ReportWriter.forDirectory(dir).write(Reports.synthetic(), null).html();
        assertThat(html).hasFileName("audit-Synthetic_script_model-SO_3.html");
        assertThat(html).content().contains("-Dequivariance.seed=" + Long.MAX_VALUE);
    }

    @Test
    void parallelAuditsAllReachTheIndex(@TempDir Path dir) throws Exception {
        ReportWriter writer = ReportWriter.forDirectory(dir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ReportWriter.Written>> tasks = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                ReportOrigin origin = new ReportOrigin("p.ParallelTest", "audit" + i);
                boolean passing = i % 2 == 0;
                tasks.add(() -> writer.write(passing ? Reports.passing() : Reports.failing(), origin));
            }
            for (Future<ReportWriter.Written> f : pool.invokeAll(tasks)) {
                assertThat(f.get().html()).exists();
            }
        } finally {
            pool.shutdownNow();
        }
        String index = Files.readString(dir.resolve("index.html"));
        assertThat(index).contains("24 audits written by this test run").contains(">12 FAIL<");
        for (int i = 0; i < 24; i++) {
            assertThat(index).contains("href=\"ParallelTest.audit" + i + ".html\"");
        }
    }

    @Test
    void fileNamesAreSanitized() {
        assertThat(FileNames.sanitize("Shapes Test#rot (90°)/../x")).isEqualTo("Shapes_Test_rot_90_.._x");
        assertThat(FileNames.sanitize("..hidden")).isEqualTo("hidden");
        assertThat(FileNames.sanitize("***")).isEqualTo("audit");
        String longName = FileNames.sanitize("x".repeat(300));
        assertThat(longName).hasSize(FileNames.MAX_LENGTH).matches("x+-[0-9a-f]{8}");
        assertThat(FileNames.sanitize("y".repeat(300))).isNotEqualTo(longName);
    }
}
