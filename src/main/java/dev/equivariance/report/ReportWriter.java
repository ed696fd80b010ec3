package dev.equivariance.report;

import dev.equivariance.audit.AuditReport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Writes the report files of audits into one directory: {@code <name>.html}, {@code <name>.json} and
 * {@code <name>.txt} per audit, named after the test class and method, and an {@code index.html} listing every
 * audit of this test run, rewritten after each audit.
 *
 * <p>A test run may span several JVMs (Surefire's {@code forkCount > 1}): each JVM saves its index rows under
 * {@value #SHARED_DIR} in the directory, and the page is rendered from the rows of every JVM of the same run, under a
 * file lock. The run is {@value #RUN_PROPERTY} when set (e.g. one value per Gradle build), else the Maven JVM that
 * started the Surefire forks, else this JVM. Rows of other runs are deleted, so an earlier run's audits leave the page.
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

    /**
     * System property (or JUnit configuration parameter) naming the test run whose audits one index page lists; JVMs
     * with the same value share the page.
     */
    public static final String RUN_PROPERTY = "equivariance.report.run";

    /** The folder, inside the report directory, where each JVM of a run saves its index rows. */
    static final String SHARED_DIR = ".index-rows";

    /** The default report directory, relative to the working directory (the module's base directory in Maven). */
    public static final Path DEFAULT_DIR = Path.of("target", "equivariance-reports");

    private static final ConcurrentMap<Path, ReportWriter> WRITERS = new ConcurrentHashMap<>();

    private final Path directory;
    private final String jvm;
    private final ReportIndex index = new ReportIndex();
    /** The run whose index page is out of date (audits written since the last rewrite), or null. */
    private String pendingRun;
    /** Whether a shutdown hook flushes the index. */
    private boolean flushOnExit;
    /** File base name to the audit it belongs to, so two different tests never share a name. */
    private final Map<String, String> owners = new HashMap<>();

    private ReportWriter(Path directory) {
        this(directory, RunIdentity.thisJvm());
    }

    /** A writer standing for the JVM named {@code jvm} (tests use two to play two forks). */
    ReportWriter(Path directory, String jvm) {
        this.directory = directory;
        this.jvm = jvm;
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
    public Written write(AuditReport report, ReportOrigin origin) throws IOException {
        return write(report, origin, null);
    }

    /**
     * As {@link #write(AuditReport, ReportOrigin)}, for the named test run.
     *
     * @param run the run whose index page lists this audit; null for {@value #RUN_PROPERTY} or the default run
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public synchronized Written write(AuditReport report, ReportOrigin origin, String run) throws IOException {
        Written written = writeDeferringIndex(report, origin, run);
        flushIndex();
        return written;
    }

    /**
     * As {@link #write(AuditReport, ReportOrigin, String)}, but the index page is rewritten only by
     * {@link #flushIndex} (at the latest when the JVM exits), so that a run of many audits renders it once rather than
     * once per audit. The JUnit extension flushes at the end of the test run.
     *
     * @return the files written; the index file among them is up to date after the next flush
     * @throws IOException if a file cannot be written
     */
    public synchronized Written writeDeferringIndex(AuditReport report, ReportOrigin origin, String run)
            throws IOException {
        String base = claim(FileNames.base(report, origin), ownerKey(report, origin));
        Files.createDirectories(directory);
        Path html = directory.resolve(base + ".html");
        Path json = directory.resolve(base + ".json");
        Path text = directory.resolve(base + ".txt");
        writeAtomically(html, HtmlReport.of(report).origin(origin).alongside(base).render());
        writeAtomically(json, JsonReport.render(report, origin));
        writeAtomically(text, TextReport.render(report));
        index.put(base, report, origin);
        pendingRun = run != null && !run.isBlank() ? RunIdentity.sanitize(run) : RunIdentity.current();
        if (!flushOnExit) {
            flushOnExit = true;
            Runtime.getRuntime().addShutdownHook(new Thread(this::flushQuietly, "equivariance-report-index"));
        }
        return new Written(html, json, text, directory.resolve("index.html"));
    }

    /** Rewrites the index page if an audit was written since it was last written. */
    public synchronized void flushIndex() throws IOException {
        if (pendingRun == null) {
            return;
        }
        String run = pendingRun;
        pendingRun = null;
        writeIndex(directory.resolve("index.html"), run);
    }

    private void flushQuietly() {
        try {
            flushIndex();
        } catch (IOException | RuntimeException e) {
            System.err.println("[equivariance] could not write the report index in " + directory + ": " + e);
        }
    }

    /**
     * Saves this JVM's rows and renders the page from the rows of every JVM of the run. Another JVM writing at the same
     * time waits for the lock, so the last page written has every row.
     */
    private void writeIndex(Path indexFile, String run) throws IOException {
        Path shared = directory.resolve(SHARED_DIR);
        Files.createDirectories(shared);
        try (FileChannel channel = FileChannel.open(shared.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            String mine = run + "--" + jvm + ".rows";
            StringBuilder lines = new StringBuilder();
            index.rows().forEach(r -> lines.append(r.encode()).append('\n'));
            writeAtomically(shared.resolve(mine), lines.toString());
            List<ReportIndex.Row> rows = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(shared, "*.rows")) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (!name.startsWith(run + "--")) {
                        Files.deleteIfExists(f); // an earlier run's
                    } else if (!name.equals(mine)) {
                        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                            ReportIndex.Row r = ReportIndex.Row.decode(line);
                            if (r != null) {
                                rows.add(r);
                            }
                        }
                    }
                }
            }
            rows.addAll(index.rows()); // this JVM's last, so its newest rows win a shared name
            writeAtomically(indexFile, ReportIndex.render(rows));
        }
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
