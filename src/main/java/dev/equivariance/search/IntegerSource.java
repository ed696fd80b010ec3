package dev.equivariance.search;

import java.util.random.RandomGenerator;

/** An input source of integer values (indices), fed to the model as int64. */
final class IntegerSource implements InputSource {

    private final String name;
    private final InputSource values;

    IntegerSource(String name, InputSource values) {
        this.name = name;
        this.values = values;
    }

    @Override
    public double[] sample(long[] shape, RandomGenerator rng) {
        return values.sample(shape, rng);
    }

    @Override
    public boolean integer() {
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
