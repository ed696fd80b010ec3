package dev.equivariance.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one-way flow of the library, checked over the sources' imports: spec and values at the bottom, backends behind
 * the tensor SPI, the engine free of DJL and ND4J, the faces on top. A new import that runs against the flow fails
 * here with the file and the import.
 */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/equivariance");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)[.*;]", Pattern.MULTILINE);

    /** For each package, the packages of this library it may import (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("group", Set.of()),
            Map.entry("tensor", Set.of()),
            Map.entry("rep", Set.of("group", "tensor")),
            Map.entry("search", Set.of("group", "tensor")),
            Map.entry("audit", Set.of("group", "rep", "search", "tensor")),
            Map.entry("report", Set.of("audit", "group", "rep", "tensor")),
            Map.entry("assertj", Set.of("audit", "report", "group", "rep", "search", "tensor")),
            Map.entry("junit", Set.of("audit", "report", "group", "rep", "search", "tensor")),
            Map.entry("backend.djl", Set.of("tensor")),
            Map.entry("backend.nd4j", Set.of("tensor")));

    private static final List<String> BACKEND_LIBRARIES = List.of("ai.djl.", "org.nd4j.", "org.bytedeco.");

    @Test
    void noPackageImportsAgainstTheFlow_andOnlyBackendsImportDjlOrNd4j() throws IOException {
        assertThat(violations(SOURCES)).isEmpty();
    }

    @Test
    void anEngineClassImportingDjlOrAHigherLayer_isAViolation(@org.junit.jupiter.api.io.TempDir Path root)
            throws IOException {
        Files.createDirectories(root.resolve("audit"));
        Files.writeString(root.resolve("audit/Bad.java"), "package dev.equivariance.audit;\n"
                + "import ai.djl.ndarray.NDArray;\nimport dev.equivariance.report.TextReport;\n"
                + "import dev.equivariance.rep.Action;\nclass Bad {}\n");
        assertThat(violations(root)).hasSize(2).anySatisfy(v -> assertThat(v).contains("ai.djl.ndarray.NDArray"))
                .anySatisfy(v -> assertThat(v).contains("audit may not depend on report"));
    }

    static List<String> violations(Path root) throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
                if (pkg.isEmpty()) {
                    continue;
                }
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(file + ": package " + pkg + " has no place in the layering (add it to ALLOWED)");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    if (!pkg.startsWith("backend.") && BACKEND_LIBRARIES.stream().anyMatch(imported::startsWith)) {
                        violations.add(file + " imports " + imported + ": only backend.* may use DJL or ND4J");
                    }
                    if (imported.startsWith("dev.equivariance.")) {
                        String target = packageOf(imported.substring("dev.equivariance.".length()));
                        if (!target.equals(pkg) && !allowed.contains(target)) {
                            violations.add(file + " imports " + imported + ": " + pkg + " may not depend on "
                                    + target);
                        }
                    }
                }
            }
        }
        return violations;
    }

    /** {@code audit.Issue} to {@code audit}, {@code backend.djl.DjlModel} to {@code backend.djl}. */
    private static String packageOf(String relative) {
        String[] parts = relative.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (Character.isUpperCase(p.charAt(0))) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : ".").append(p);
        }
        return sb.toString();
    }
}
