package dev.equivariance.report;

import dev.equivariance.audit.AuditReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Writes the report files of audits into one directory: {@code <name>.html}, {@code <name>.json} and
 * {@code <name>.txt} per audit, named after the test class and method, and an {@code index.html} listing every
 * audit this writer wrote in this JVM, rewritten after each audit.
 *
 * <p>One writer exists per directory ({@link #forDirectory}); it is thread-safe: audits running in parallel get
 * distinct names and a consistent index. Each file is written to a temporary file and then moved into place, so a
 * reader never sees half a page.
 */
public final class ReportWriter {

    /** System property (or JUnit configuration parameter) naming the report directory. */
    public static final String DIR_PROPERTY = "equivariance.report.dir";

    /** System property (or JUnit configuration parameter): {@code false} turns report files off. */
    public static final String FILES_PROPERTY = "equivariance.report.files";

    /** The default report directory, relative to the working directory (the module's base directory in Maven). */
    public static final Path DEFAULT_DIR = Path.of("target", "equivariance-reports");

    private static final ConcurrentMap<Path, ReportWriter> WRITERS = new ConcurrentHashMap<>();

    private final Path directory;
    private final ReportIndex index = new ReportIndex();
    /** File base name to the audit it belongs to, so two different tests never share a name. */
    private final Map<String, String> owners = new HashMap<>();

    private ReportWriter(Path directory) {
        this.directory = directory;
    }

    /** The writer of a directory, shared by every caller in this JVM (the directory is created on first write). */
    public static ReportWriter forDirectory(Path directory) {
        return WRITERS.computeIfAbsent(directory.toAbsolutePath().normalize(), ReportWriter::new);
    }

    /** The directory this writer writes to. */
    public Path directory() {
        return directory;
    }

    /**
     * Writes the HTML, JSON and text forms of a report and rewrites the index.
     *
     * @param origin the test the audit belongs to (names the files); null for audits run outside a test
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public synchronized Written write(AuditReport report, ReportOrigin origin) throws IOException {
        String base = claim(FileNames.base(report, origin), ownerKey(report, origin));
        Files.createDirectories(directory);
        Path html = directory.resolve(base + ".html");
        Path json = directory.resolve(base + ".json");
        Path text = directory.resolve(base + ".txt");
        writeAtomically(html, HtmlReport.of(report).origin(origin).alongside(base).render());
        writeAtomically(json, JsonReport.render(report, origin));
        writeAtomically(text, TextReport.render(report));
        index.put(base, report, origin);
        Path indexFile = directory.resolve("index.html");
        writeAtomically(indexFile, index.render());
        return new Written(html, json, text, indexFile);
    }

    /** The files written for one audit, and the index page. */
    public record Written(Path html, Path json, Path text, Path index) {
    }

    /** The name for an audit: the preferred one unless another audit owns it, then with a counter. */
    private String claim(String preferred, String owner) {
        String base = preferred;
        for (int n = 2; owners.containsKey(base) && !owners.get(base).equals(owner); n++) {
            base = preferred + "-" + n;
        }
        owners.put(base, owner);
        return base;
    }

    private static String ownerKey(AuditReport report, ReportOrigin origin) {
        return origin != null ? origin.testClass() + "#" + origin.testMethod()
                : report.model() + "|" + report.symmetry() + "|" + report.seed();
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        // Not Files.createTempFile: its owner-only permissions would carry over to the report.
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
