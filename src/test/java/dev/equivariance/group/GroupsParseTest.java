package dev.equivariance.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupsParseTest {

    @Test
    void parse_understandsEveryBuiltInName() {
        assertThat(Groups.parse("S(10)")).isInstanceOf(SymmetricGroup.class).hasToString("S(10)");
        assertThat(Groups.parse("Z(8)")).isInstanceOf(TranslationGroup.class).hasToString("Z(8)");
        assertThat(Groups.parse("C4")).isInstanceOf(SquareGroup.class).hasToString("C4");
        assertThat(Groups.parse("D4")).hasToString("D4");
        assertThat(Groups.parse("SO(2)")).isInstanceOf(PlanarRotationGroup.class).hasToString("SO(2)");
        assertThat(Groups.parse("O(2)")).hasToString("O(2)");
        assertThat(Groups.parse("SO(3)")).isInstanceOf(RotationGroup.class).hasToString("SO(3)");
        assertThat(Groups.parse("O(3)")).isInstanceOf(OrthogonalGroup.class).hasToString("O(3)");
        assertThat(Groups.parse("SE(3)")).isInstanceOf(EuclideanGroup.class).hasToString("SE(3)");
        assertThat(Groups.parse("E(3)")).isInstanceOf(EuclideanGroup.class).hasToString("E(3)");
        assertThat(Groups.parse("e(3)")).hasToString("E(3)");
    }

    @Test
    void euclideanGroupTimesPermutations_parsesIntoAProduct() {
        Group<?> g = Groups.parse("E(3) x S(n)", Map.of("n", 5));
        assertThat(g).isInstanceOf(ProductGroup.class).hasToString("E(3) x S(5)");
        assertThat(((ProductGroup) g).factors().get(0)).isInstanceOf(EuclideanGroup.class);
        assertThat(Groups.parse("SE(3)xS(4)")).hasToString("SE(3) x S(4)");
    }

    @Test
    void parse_isLenientAboutCaseAndSpaces() {
        assertThat(Groups.parse(" so(3) ")).hasToString("SO(3)");
        assertThat(Groups.parse("s( 7 )")).hasToString("S(7)");
        assertThat(Groups.parse("S10")).hasToString("S(10)");
    }

    @Test
    void adjacentCyclicFactors_formOneTranslationGroup() {
        Group<?> g = Groups.parse("Z(8)xZ(6)");
        assertThat(g).isInstanceOf(TranslationGroup.class);
        assertThat(((TranslationGroup) g).moduli()).containsExactly(8, 6);
        assertThat(((TranslationGroup) Groups.parse("Z(8,6)")).moduli()).containsExactly(8, 6);
    }

    @Test
    void products_parseIntoProductGroups() {
        Group<?> g = Groups.parse("SO(3) x S(5)");
        assertThat(g).isInstanceOf(ProductGroup.class).hasToString("SO(3) x S(5)");
        assertThat(((ProductGroup) g).factors()).hasSize(2);
        assertThat(Groups.parse("SO(3)×S(5)")).hasToString("SO(3) x S(5)");
        assertThat(Groups.parse("C4 x Z(5)xZ(5)")).hasToString("C4 x Z(5)xZ(5)");
    }

    @Test
    void symbolicSizes_areLookedUp() {
        assertThat(Groups.parse("S(n)", Map.of("n", 12))).hasToString("S(12)");
        assertThat(Groups.parse("SO(3) x S(n)", Map.of("n", 4))).hasToString("SO(3) x S(4)");
    }

    @Test
    void unknownGroup_isNamedAndTheKnownOnesListed() {
        assertThatThrownBy(() -> Groups.parse("SU(2)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown group 'SU(2)'")
                .hasMessageContaining("SO(3)").hasMessageContaining("S(n)").hasMessageContaining("D4")
                .hasMessageContaining("E(3)");
    }

    @Test
    void unknownFactorOfAProduct_isNamedWithTheWholeName() {
        assertThatThrownBy(() -> Groups.parse("SO(3) x E(4)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'E(4)'").hasMessageContaining("'SO(3) x E(4)'");
    }

    @Test
    void symbolicSizeWithoutAValue_explainsThatItIsUnknown() {
        assertThatThrownBy(() -> Groups.parse("S(n)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'n'").hasMessageContaining("not known")
                .hasMessageContaining("give a number, e.g. S(10)");
    }

    @Test
    void emptyOrBlankNames_areRejected() {
        assertThatThrownBy(() -> Groups.parse("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No group given");
        assertThatThrownBy(() -> Groups.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Groups.parse("SO(3) x ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty factor");
    }

    @Test
    void nonPositiveSizes_areRejected() {
        assertThatThrownBy(() -> Groups.parse("S(0)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive size");
        assertThatThrownBy(() -> Groups.symmetric(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Groups.translations()).isInstanceOf(IllegalArgumentException.class);
    }
}
