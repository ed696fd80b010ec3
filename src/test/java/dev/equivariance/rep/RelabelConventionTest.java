package dev.equivariance.rep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.group.Groups;
import dev.equivariance.group.Permutation;
import dev.equivariance.tensor.DType;
import dev.equivariance.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code relabel} is the action on an {@code edge_index} that goes with {@code permute(axis=0)} on node features: every
 * edge keeps connecting the same two nodes, wherever the permutation put them.
 */
class RelabelConventionTest {

    private static HostTensors tensors;

    @BeforeAll
    static void startBackend() {
        tensors = new HostTensors();
        tensors.beginScope();
    }

    @AfterAll
    static void stopBackend() {
        tensors.endScope();
        tensors.close();
    }

    @Test
    void everyEdgeConnectsTheSameFeaturesAfterPermutingNodesAndRelabellingEdges() {
        Permutation p = Permutation.of(2, 0, 3, 1);
        double[] features = {10, 11, 12, 13};                     // node u carries 10 + u
        double[] edges = {0, 1, 3, 2, 1, 3, 0, 0};                 // sources 0 1 3 2, targets 1 3 0 0
        Tensor x = tensors.of(features, 4, 1);
        Tensor e = edgeIndex(edges);
        Tensor xp = Actions.parse("permute(axis=0)").bind(new long[] {4, 1}, Groups.parse("S(4)")).apply(p, x);
        Tensor ep = Actions.parse("relabel").bind(new long[] {2, 4}, Groups.parse("S(4)")).apply(p, e);
        double[] before = x.toDoubles();
        double[] after = xp.toDoubles();
        double[] old = e.toDoubles();
        double[] relabelled = ep.toDoubles();
        for (int i = 0; i < old.length; i++) {
            assertThat(after[(int) relabelled[i]]).isEqualTo(before[(int) old[i]]);
        }
        assertThat(ep.dtype()).isEqualTo(DType.INT64);
        // perm = [2 0 3 1] puts old node 2 at position 0, so old node 0 is now node 1: perm^-1 = [1 3 0 2]
        assertThat(relabelled).containsExactly(1, 3, 2, 0, 3, 2, 1, 1);
    }

    @Test
    void isAHomomorphism() {
        Permutation g = Permutation.of(1, 2, 0, 3);
        Permutation h = Permutation.of(3, 2, 1, 0);
        Action relabel = Actions.relabel().bind(new long[] {2, 4}, Groups.parse("S(4)"));
        Tensor e = edgeIndex(new double[] {0, 1, 2, 3, 3, 2, 1, 0});
        double[] composed = relabel.apply(g.compose(h), e).toDoubles();
        double[] inTurn = relabel.apply(g, relabel.apply(h, e)).toDoubles();
        assertThat(composed).containsExactly(inTurn);
    }

    @Test
    void needsAGroupThatPermutesNodes() {
        assertThatThrownBy(() -> Actions.relabel().bind(new long[] {2, 4}, Groups.parse("SO(3)")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permutes the nodes");
    }

    private static Tensor edgeIndex(double[] values) {
        return tensors.of(values, 2, values.length / 2).cast(DType.INT64);
    }
}
