package dev.equivariance.backend.djl;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns libtorch's autograd off on the calling thread while a forward pass that needs no gradient runs, and back on
 * afterwards if it was on. The mode is per thread and DJL turns it off only on the thread that loaded the engine: on
 * any other thread (a JUnit worker in a parallel run), a block's forward pass would record an autograd graph for its
 * parameters, holding on to every intermediate array until its outputs are freed.
 */
final class NoGrad implements AutoCloseable {

    private static final NoGrad NOTHING = new NoGrad(false);

    private final boolean restore;

    private NoGrad(boolean restore) {
        this.restore = restore;
    }

    /** Autograd off on this thread until {@link #close()}; nothing to do off the PyTorch engine. */
    static NoGrad enter(DjlBackend backend) {
        return enter(backend.isPyTorch());
    }

    /** Autograd off on this thread until {@link #close()} when the arrays are PyTorch's. */
    static NoGrad enter(boolean pyTorch) {
        if (!pyTorch || !JniUtils.isGradMode()) {
            return NOTHING;
        }
        JniUtils.setGradMode(false);
        return new NoGrad(true);
    }

    @Override
    public void close() {
        if (restore) {
            JniUtils.setGradMode(true);
        }
    }
}
