package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PermutationTest {

    /** numpy's take along one axis of a 1D array. */
    private static int[] take(int[] x, Permutation p) {
        int[] idx = p.indices();
        int[] y = new int[idx.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[idx[i]];
        }
        return y;
    }

    @Test
    void composeThenTake_equalsTakeTwice() {
        SymmetricGroup s7 = Groups.symmetric(7);
        SplittableRandom rng = new SplittableRandom(42);
        int[] x = {10, 11, 12, 13, 14, 15, 16};
        for (int t = 0; t < 50; t++) {
            Permutation a = s7.random(rng);
            Permutation b = s7.random(rng);
            assertThat(take(x, a.compose(b))).as("take(x, a∘b) = take(take(x, b), a) for a = %s, b = %s", a, b)
                    .containsExactly(take(take(x, b), a));
        }
    }

    @Test
    void inverse_undoesTake() {
        Permutation p = Permutation.of(2, 0, 3, 1);
        int[] x = {5, 6, 7, 8};
        assertThat(take(take(x, p), p.inverse())).containsExactly(x);
        assertThat(p.inverse().indices()).containsExactly(1, 3, 0, 2);
    }

    @Test
    void of_rejectsArraysThatAreNotPermutations() {
        assertThatThrownBy(() -> Permutation.of(0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a permutation of 0..2");
        assertThatThrownBy(() -> Permutation.of(0, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Permutation.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_copiesItsArgument() {
        int[] raw = {1, 0, 2};
        Permutation p = Permutation.of(raw);
        raw[0] = 2;
        raw[2] = 1;
        assertThat(p.indices()).containsExactly(1, 0, 2);
        p.indices()[0] = 0;
        assertThat(p.indices()).containsExactly(1, 0, 2);
    }

    @Test
    void transpositionAndCycle_haveTheDocumentedIndices() {
        assertThat(Permutation.transposition(5, 1, 3).indices()).containsExactly(0, 3, 2, 1, 4);
        assertThat(Permutation.cycle(4).indices()).containsExactly(1, 2, 3, 0);
        assertThat(Permutation.transposition(5, 1, 3).movedPoints()).isEqualTo(2);
        assertThat(Permutation.identity(5).movedPoints()).isZero();
    }

    @Test
    void composingPermutationsOfDifferentSizes_isRejected() {
        assertThatThrownBy(() -> Permutation.identity(3).compose(Permutation.identity(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot compose");
    }

    @Test
    void equalPermutations_areEqualAndHashAlike() {
        assertThat(Permutation.of(1, 0, 2)).isEqualTo(Permutation.transposition(3, 0, 1))
                .hasSameHashCodeAs(Permutation.transposition(3, 0, 1));
        assertThat(Permutation.of(1, 0, 2)).isNotEqualTo(Permutation.of(0, 2, 1));
    }

    @Test
    void randomPermutationsOfS3_coverTheWholeGroupUniformly() {
        SymmetricGroup s3 = Groups.symmetric(3);
        SplittableRandom rng = new SplittableRandom(42);
        java.util.Map<Permutation, Integer> counts = new java.util.HashMap<>();
        int n = 6000;
        for (int i = 0; i < n; i++) {
            counts.merge(s3.random(rng), 1, Integer::sum);
        }
        assertThat(counts).hasSize(6);
        // each count is Binomial(6000, 1/6): mean 1000, sd 28.9; 5 sd bounds
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(855, 1145));
    }

    @Test
    void generatorsOfS5_generateAll120Elements() {
        SymmetricGroup s5 = Groups.symmetric(5);
        Set<Permutation> reached = new HashSet<>(Set.of(s5.identity()));
        java.util.Deque<Permutation> todo = new java.util.ArrayDeque<>(reached);
        while (!todo.isEmpty()) {
            Permutation p = todo.pop();
            for (Permutation g : s5.generators()) {
                if (reached.add(p.compose(g))) {
                    todo.push(p.compose(g));
                }
            }
        }
        assertThat(reached).hasSize(120);
    }

    @Test
    void edgeCasesOfS5_startWithTheIdentityAndAreDistinct() {
        var cases = Groups.symmetric(5).edgeCases();
        assertThat(cases.get(0).isIdentity()).isTrue();
        assertThat(cases).doesNotHaveDuplicates().contains(Permutation.transposition(5, 0, 1));
    }
}
