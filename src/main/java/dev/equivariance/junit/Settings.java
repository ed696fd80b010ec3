package dev.equivariance.junit;

import dev.equivariance.report.ReportWriter;
import dev.equivariance.search.Seeds;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension's settings. Each is a JUnit configuration parameter (launcher, Surefire's
 * {@code configurationParameters}, {@code junit-platform.properties}) and a system property ({@code -D...}); JUnit
 * itself falls back to system properties, and so does this class when a launcher does not.
 */
final class Settings {

    /** A seed that replays every audit and property ({@code random} draws a fresh one each time). */
    static final String SEED = Seeds.PROPERTY;
    /** Which reports go to standard output: {@code failures} (default), {@code always} or {@code never}. */
    static final String PRINT = "equivariance.report.print";
    /** {@code false} writes no report files. */
    static final String FILES = ReportWriter.FILES_PROPERTY;
    /** The directory of report files and their index. */
    static final String DIR = ReportWriter.DIR_PROPERTY;
    /** Names the test run whose audits one index page lists (default: the Surefire run, else this JVM). */
    static final String RUN = ReportWriter.RUN_PROPERTY;

    /** {@code false} turns off the progress lines of long audits (standard output and JUnit report entries). */
    static final String PROGRESS = "equivariance.progress";

    /** What goes to standard output. */
    enum Print {
        /** A summary line for every audit; the full report of audits that fail. */
        FAILURES,
        /** A summary line and the full report of every audit. */
        ALWAYS,
        /** Nothing. */
        NEVER
    }

    private Settings() {
    }

    /** The value of a setting, blank counting as unset. */
    static Optional<String> get(ExtensionContext context, String key) {
        Optional<String> v = context.getConfigurationParameter(key);
        if (v.isEmpty()) {
            v = Optional.ofNullable(System.getProperty(key));
        }
        return v.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The seed every audit should use, when one is set. */
    static Optional<Long> seed(ExtensionContext context) {
        return get(context, SEED).map(s -> {
            try {
                return Seeds.parse(s, SEED);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("Configuration parameter " + SEED + " = '" + s + "': "
                        + "the seed must be a number (decimal or 0x-hex) or 'random'", e);
            }
        });
    }

    static Print print(ExtensionContext context) {
        String v = get(context, PRINT).orElse("failures");
        try {
            return Print.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("Configuration parameter " + PRINT + " = '" + v + "': use "
                    + "failures (the default), always or never", e);
        }
    }

    static boolean progress(ExtensionContext context) {
        return get(context, PROGRESS).map(v -> !v.equalsIgnoreCase("false")).orElse(true);
    }

    static boolean files(ExtensionContext context) {
        return get(context, FILES).map(v -> !v.equalsIgnoreCase("false")).orElse(true);
    }

    static Path dir(ExtensionContext context) {
        return get(context, DIR).map(Path::of).orElse(ReportWriter.DEFAULT_DIR);
    }

    static Optional<String> run(ExtensionContext context) {
        return get(context, RUN);
    }
}
