package dev.equivariance.junit;

import dev.equivariance.audit.AuditReport;
import dev.equivariance.report.ReportOrigin;
import dev.equivariance.report.ReportWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Writes an audit's report files (HTML, JSON, text and the index page) and attaches them to the test in the JUnit
 * report. Never fails the test: a file that cannot be written is logged as one line on standard error; files that
 * cannot be attached (a launcher without an output directory) are logged once per JVM.
 *
 * <p>Attaching files ({@code ExtensionContext.publishFile}) needs JUnit 5.12 or later. The extension runs on JUnit 5.10
 * and later, so that API is looked up reflectively: on older versions the files are written and not attached.
 *
 * <p>Configuration (JUnit configuration parameter or system property): {@value ReportWriter#FILES_PROPERTY}
 * ({@code true} by default), {@value ReportWriter#DIR_PROPERTY} (default {@code target/equivariance-reports}) and
 * {@value ReportWriter#RUN_PROPERTY}.
 */
final class ReportFiles {

    private static final AtomicBoolean ATTACH_FAILURE_LOGGED = new AtomicBoolean();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ReportFiles.class);

    /** Rewrites a writer's index page when the test run's root context closes. */
    private record IndexFlush(ReportWriter writer) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            try {
                writer.flushIndex();
            } catch (Exception | LinkageError e) {
                System.err.println("[equivariance] could not write the report index in " + writer.directory() + ": "
                        + e);
            }
        }
    }

    private ReportFiles() {
    }

    static void write(ExtensionContext context, AuditReport report, String where) {
        if (!Settings.files(context)) {
            return;
        }
        ReportWriter.Written files;
        try {
            ReportWriter writer = ReportWriter.forDirectory(Settings.dir(context));
            files = writer.writeDeferringIndex(report, new ReportOrigin(
                    context.getRequiredTestClass().getName(), context.getRequiredTestMethod().getName()),
                    Settings.run(context).orElse(null));
            // the index page once per test run, when the run ends, rather than after every audit
            context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(writer.directory(), d -> new IndexFlush(writer),
                    IndexFlush.class);
        } catch (Exception | LinkageError e) {
            System.err.println("[equivariance] could not write the report files of " + where + ": " + e);
            return;
        }
        if (!Attacher.AVAILABLE.present()) {
            return;
        }
        try {
            Attacher.AVAILABLE.attach(context, files.html(), "text/html; charset=UTF-8");
            Attacher.AVAILABLE.attach(context, files.json(), "application/json; charset=UTF-8");
            Attacher.AVAILABLE.attach(context, files.text(), "text/plain; charset=UTF-8");
        } catch (Exception | LinkageError e) {
            // The launcher's setup (e.g. EngineTestKit without an output directory) fails every test alike: say it once.
            if (ATTACH_FAILURE_LOGGED.compareAndSet(false, true)) {
                System.err.println("[equivariance] wrote " + files.html() + " but could not attach the report files "
                        + "to the JUnit report of " + where + " (not repeated for other tests): " + e);
            }
        }
    }

    /** Whether this JUnit can attach files to a test (5.12 and later). */
    static boolean canAttach() {
        return Attacher.AVAILABLE.present();
    }

    /**
     * {@code ExtensionContext.publishFile(String, MediaType, ThrowingConsumer)} and {@code MediaType.parse}, found by
     * reflection: {@code org.junit.jupiter.api.extension.MediaType} (5.12 on) or {@code org.junit.jupiter.api.MediaType}
     * (5.14 to 6.x, deprecated), or neither (before 5.12).
     */
    private record Attacher(Method publishFile, Method parse) {

        static final Attacher AVAILABLE = find();

        boolean present() {
            return publishFile != null;
        }

        private static Attacher find() {
            for (String name : List.of("org.junit.jupiter.api.extension.MediaType", "org.junit.jupiter.api.MediaType")) {
                try {
                    Class<?> mediaType = Class.forName(name, false, ExtensionContext.class.getClassLoader());
                    Method publish = ExtensionContext.class.getMethod("publishFile", String.class, mediaType,
                            ThrowingConsumer.class);
                    return new Attacher(publish, mediaType.getMethod("parse", String.class));
                } catch (ReflectiveOperationException | LinkageError e) {
                    // not in this JUnit: try the next name
                }
            }
            return new Attacher(null, null);
        }

        void attach(ExtensionContext context, Path file, String mediaType) throws Exception {
            ThrowingConsumer<Path> copy = target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            try {
                publishFile.invoke(context, file.getFileName().toString(), parse.invoke(null, mediaType), copy);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }
}
