package dev.equivariance.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's memory as leak tests read it: the resident set (native buffers included) and the heap after GC. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** The resident set size of the process, from /proc. */
    public static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /**
     * The heap in use after a few collections, with pauses between them: ND4J frees arrays nobody closed through
     * reference queues that its own threads drain, so what a collection finds unreachable is gone only a little later.
     */
    public static long heapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
