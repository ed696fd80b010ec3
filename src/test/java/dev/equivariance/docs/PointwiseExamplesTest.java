package dev.equivariance.docs;

import ai.djl.nn.Block;
import dev.equivariance.audit.AuditSpec;
import dev.equivariance.junit.EquivarianceTest;
import dev.equivariance.junit.EquivariantUnder;
import dev.equivariance.junit.ModelUnderTest;
import dev.equivariance.rep.Action;
import dev.equivariance.rep.Actions;

/**
 * The declarations of docs/groups-and-actions.md ("Examples, group by group") for actions that only move values, as
 * written there, on a point-wise tanh; and the custom action {@code swapHalves}.
 */
@EquivarianceTest
class PointwiseExamplesTest {

    @ModelUnderTest
    static Block model() { return DocModels.pointwiseTanh(); }

    @EquivariantUnder(group = "S(n)", input = "permute(axis=1)", output = "permute(axis=1)",
                      inputShape = {4, 10, 3})                                                           // one output per element
    void oneOutputPerElement() {}

    @EquivariantUnder(group = "Z(16)", input = "roll(axis=2)", output = "roll(axis=2)", inputShape = {2, 4, 16})
    void sequences() {}

    @EquivariantUnder(group = "C4", input = "p4(axis=1, axes=(2,3))", output = "p4(axis=1, axes=(2,3))",
                      inputShape = {2, 8, 9, 9})                                                         // a group convolution
    void groupFeatureMaps() {}

    @EquivariantUnder(group = "D4", input = "flip(axis=2)", output = "flip(axis=2)", inputShape = {2, 3, 5})
    void flippedAxis() {}

    static AuditSpec.Builder swapHalves() {
        int[] swapped = {5, 6, 7, 8, 9, 0, 1, 2, 3, 4};
        Action swap = Actions.custom("swap halves", (g, x) -> g.isIdentity() ? x : x.take(1, swapped));
        return AuditSpec.builder().group("Z(2)").input(swap, 2, 10).output(swap);
    }

    @EquivariantUnder(group = "Z(2)", spec = "swapHalves")
    void halvesSwapTogether() {}
}
