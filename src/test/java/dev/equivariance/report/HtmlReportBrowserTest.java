package dev.equivariance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads generated reports into a real headless Chromium: a screenshot must show the plots, and the browser's DOM
 * must hold every SVG element the page was written with. Skipped when no Chromium is on the PATH (CI installs it).
 */
class HtmlReportBrowserTest {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 2000;
    /** Background tints of the chart regions (passing, approximate, broken), as in HtmlStyle. */
    private static final int[] ZONES = {0xeef8f0, 0xfff7e0, 0xfdecec};
    private static final int BROKEN_BAR = 0xc62828;

    private static Path chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void findChromium() {
        chromium = onPath("chromium", "chromium-browser", "google-chrome", "google-chrome-stable").orElse(null);
    }

    /** Per test rather than per class, so that each skipped test is reported with the reason. */
    @BeforeEach
    void requireChromium() {
        Assumptions.assumeTrue(chromium != null, "Chromium is not installed (no chromium, chromium-browser or "
                + "google-chrome on the PATH): install it (apt-get install chromium) to run the browser test");
    }

    @Test
    void screenshotOfAFailingReport_showsThePlots() throws Exception {
        Path page = dir.resolve("failing.html");
        Files.writeString(page, HtmlReport.of(Reports.failing())
                .origin(new ReportOrigin("dev.equivariance.models.DeepSetsTest", "orderDoesNotMatter")).render());
        Path png = dir.resolve("failing.png");

        browser("--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, page.toUri().toString());

        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("decodable PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);

        Set<Integer> colours = new HashSet<>();
        double sum = 0;
        double sumSq = 0;
        int minX = WIDTH;
        int minY = HEIGHT;
        int maxX = -1;
        int maxY = -1;
        int zonePixels = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                double lum = luminance(rgb);
                sum += lum;
                sumSq += lum * lum;
                if (isZone(rgb)) {
                    zonePixels++;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        double n = (double) WIDTH * HEIGHT;
        double stdDev = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
        assertThat(colours.size()).as("distinct colours: not a blank page").isGreaterThan(100);
        assertThat(stdDev).as("luminance spread: not a blank page").isGreaterThan(10);
        assertThat(zonePixels).as("chart backgrounds painted").isGreaterThan(50_000);

        int ink = 0;
        int brokenBars = 0;
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (near(rgb, BROKEN_BAR, 14)) {
                    brokenBars++;
                }
                if (luminance(rgb) < 120) {
                    ink++;
                }
            }
        }
        assertThat(brokenBars).as("red histogram bars of the broken elements in the plot area").isGreaterThan(1000);
        assertThat(ink).as("axes, labels and points in the plot area").isGreaterThan(1000);
    }

    @Test
    void browserDomHoldsEveryPlotAndEverySvgElement() throws Exception {
        double[][] map = new double[8][8];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                map[i][j] = i == 0 || j == 0 || i == 7 || j == 7 ? 2e-2 : 1e-7;
            }
        }
        String source = HtmlReport.of(Reports.synthetic()).positionErrors(map).render();
        Path page = dir.resolve("synthetic.html");
        Files.writeString(page, source);

        String dom = browser("--dump-dom", page.toUri().toString());

        for (String id : List.of("plot-histogram", "plot-scatter", "plot-layers", "plot-positions")) {
            assertThat(dom).contains("id=\"" + id + "\"").contains("<title id=\"" + id + "-title\">");
        }
        for (String tag : List.of("<svg", "<rect", "<circle", "<path", "<line", "<text")) {
            assertThat(count(dom, tag)).as("%s elements in the browser's DOM", tag).isEqualTo(count(source, tag))
                    .isPositive();
        }
        assertThat(dom).contains("data-verdict=\"FAIL\"").contains("first breaking");
    }

    /** Runs Chromium headless with a fresh profile; returns its standard output. */
    private String browser(String... args) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(dir.resolve("profile-" + System.nanoTime()));
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = dir.resolve("chromium-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(done).as("Chromium finished within 60 s; stderr:%n%s", tail(stderr)).isTrue();
        assertThat(p.exitValue()).as("Chromium exit status; stderr:%n%s", tail(stderr)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : names) {
            Optional<Path> found = Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isBlank())
                    .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle) + "[\\s>/]").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static boolean isZone(int rgb) {
        for (int zone : ZONES) {
            if (near(rgb, zone, 2)) {
                return true;
            }
        }
        return false;
    }

    private static boolean near(int a, int b, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private static double luminance(int rgb) {
        return 0.2126 * (rgb >> 16 & 0xff) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff);
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
    }
}
