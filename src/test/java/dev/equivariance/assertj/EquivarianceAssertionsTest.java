package dev.equivariance.assertj;

import static dev.equivariance.assertj.EquivarianceAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.audit.Audit;
import dev.equivariance.audit.Verdict;
import dev.equivariance.models.DeepSets;
import org.junit.jupiter.api.Test;

class EquivarianceAssertionsTest {

    @Test
    void invariantModel_passesTheFluentAssertion() {
        assertThat(Audit.of(DeepSets.build(8)).input("permute(axis=1)", 2, 6, 3).trials(12).seed(3))
                .isInvariantUnder("S(n)")
                .hasMaxRelativeErrorBelow(1e-4);
    }

    @Test
    void brokenModel_failsTheFluentAssertionWithTheReport() {
        assertThatThrownBy(() -> assertThat(Audit.of(DeepSets.withPositionalEmbedding(8))
                .input("permute(axis=1)", 2, 6, 3).trials(12).seed(3)).isInvariantUnder("S(n)"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("verdict is FAIL")
                .hasMessageContaining("Smallest failing element: Permutation[");
    }

    @Test
    void reportAssertions_checkVerdictWithoutRequiringAPass() {
        assertThat(Audit.of(DeepSets.withPositionalEmbedding(8)).group("S(n)").invariant()
                .input("permute(axis=1)", 2, 6, 3).trials(12).seed(3))
                .report()
                .hasVerdict(Verdict.FAIL);
    }
}
