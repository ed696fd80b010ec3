package dev.equivariance.tensor;

/** A region in which every tensor a backend creates is freed on {@link #close()}; scopes nest. */
public interface TensorScope extends AutoCloseable {

    /** Frees every tensor created in this scope and returns to the enclosing one. */
    @Override
    void close();
}
