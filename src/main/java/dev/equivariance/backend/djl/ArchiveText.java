package dev.equivariance.backend.djl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads model files without running them: the Python code a TorchScript archive carries, or an ONNX file's bytes. */
final class ArchiveText {

    private ArchiveText() {
    }

    /** Whether the scripted code ({@code <root>/code/...py}) of a TorchScript archive contains {@code text}. */
    static boolean contains(Path archive, String text) {
        if (archive == null || !Files.isRegularFile(archive)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().contains("/code/") && e.getName().endsWith(".py")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        if (new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(text)) {
                            return true;
                        }
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Whether a (small) file's bytes contain {@code text} in ASCII. */
    static boolean fileContains(Path file, String text) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 512L * 1024 * 1024) {
                return false;
            }
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
