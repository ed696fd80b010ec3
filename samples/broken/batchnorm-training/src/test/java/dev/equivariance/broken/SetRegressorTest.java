package dev.equivariance.broken;

import dev.equivariance.backend.djl.DjlModels;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.InvariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.tensor.AuditedModel;

/** Fails: the report names a batch composition dependence (batch norm in training mode). */
@EquivarianceTest
class SetRegressorTest {

    /** The model as it runs while training: batch statistics instead of running averages. */
    @ModelUnderTest
    static AuditedModel model() {
        return DjlModels.inTrainingMode(SetRegressor.build(), new long[] {4, 6, 3});
    }

    @InvariantUnder(group = "S(n)", input = "permute(axis=1)", inputShape = {4, 6, 3},
                    samples = 2, trials = 16, seed = "2")
    void orderOfElementsDoesNotMatterWhileTraining() {
    }
}
