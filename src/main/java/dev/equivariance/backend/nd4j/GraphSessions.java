package dev.equivariance.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;

/**
 * The SameDiff graphs an audit runs, whose execution sessions it ends when the audit ends. SameDiff keeps one session
 * per graph and thread, and each session's memory manager keeps the arrays of earlier passes for reuse, bounded only
 * by a fraction of the machine's memory: without this, every audit leaves its small arrays behind, and each JUnit
 * worker thread that ran a graph keeps a session of its own.
 */
final class GraphSessions {

    private final List<SameDiff> graphs = new CopyOnWriteArrayList<>();

    /** Remembers a graph (once) so that {@link #release()} ends its sessions. */
    void track(SameDiff graph) {
        if (graphs.stream().noneMatch(g -> g == graph)) {
            graphs.add(graph);
        }
    }

    /** Ends the sessions of a graph now and forgets it (a loss graph that is dropped). */
    void forget(SameDiff graph) {
        end(graph);
        graphs.removeIf(g -> g == graph);
    }

    /** Ends the sessions of every tracked graph, freeing the arrays their memory managers keep. */
    void release() {
        for (SameDiff g : graphs) {
            end(g);
        }
    }

    private static void end(SameDiff graph) {
        List<InferenceSession> sessions = new ArrayList<>(graph.getSessions().values());
        graph.getSessions().clear();
        for (InferenceSession s : sessions) {
            SessionMemMgr memory = s.getMmgr();
            if (memory != null) {
                memory.close();
            }
        }
    }
}
