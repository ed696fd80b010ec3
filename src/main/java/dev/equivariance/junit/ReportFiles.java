package dev.equivariance.junit;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.report.ReportOrigin;
import dev.equivariance.report.ReportWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes an audit's report files (HTML, JSON, text and the index page) and attaches them to the test in the JUnit
 * report. Never fails the test: a file that cannot be written is logged as one line on standard error; files that
 * cannot be attached (JUnit before 5.12, or a launcher without an output directory) are logged once per JVM.
 *
 * <p>Configuration (system property or JUnit configuration parameter): {@value ReportWriter#FILES_PROPERTY}
 * ({@code true} by default) and {@value ReportWriter#DIR_PROPERTY} (default {@code target/equivariance-reports}).
 */
final class ReportFiles {

    private static final MediaType HTML = MediaType.create("text", "html", StandardCharsets.UTF_8);
    private static final MediaType JSON = MediaType.create("application", "json", StandardCharsets.UTF_8);

    private static final AtomicBoolean ATTACH_FAILURE_LOGGED = new AtomicBoolean();

    private ReportFiles() {
    }

    static void write(ExtensionContext context, AuditReport report, String where) {
        if (!enabled(context)) {
            return;
        }
        ReportWriter.Written files;
        try {
            Path dir = context.getConfigurationParameter(ReportWriter.DIR_PROPERTY).filter(s -> !s.isBlank())
                    .map(Path::of).orElse(ReportWriter.DEFAULT_DIR);
            files = ReportWriter.forDirectory(dir).write(report, new ReportOrigin(
                    context.getRequiredTestClass().getName(), context.getRequiredTestMethod().getName()));
        } catch (Exception | LinkageError e) {
            System.err.println("[equivariance] could not write the report files of " + where + ": " + e);
            return;
        }
        try {
            attach(context, files.html(), HTML);
            attach(context, files.json(), JSON);
            attach(context, files.text(), MediaType.TEXT_PLAIN_UTF_8);
        } catch (Exception | LinkageError e) {
            // LinkageError: ExtensionContext.publishFile needs JUnit 5.12 or later at run time. The launcher's
            // setup (e.g. EngineTestKit without an output directory) fails every test alike: say it once.
            if (ATTACH_FAILURE_LOGGED.compareAndSet(false, true)) {
                System.err.println("[equivariance] wrote " + files.html() + " but could not attach the report files "
                        + "to the JUnit report of " + where + " (not repeated for other tests): " + e);
            }
        }
    }

    static boolean enabled(ExtensionContext context) {
        return context.getConfigurationParameter(ReportWriter.FILES_PROPERTY).map(String::strip)
                .map(v -> !v.equalsIgnoreCase("false")).orElse(true);
    }

    private static void attach(ExtensionContext context, Path file, MediaType type) {
        context.publishFile(file.getFileName().toString(), type,
                target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING));
    }
}
