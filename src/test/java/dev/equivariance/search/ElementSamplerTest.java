package dev.equivariance.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Groups;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Element budgets: generic elements are never crowded out by edge cases; finite groups are covered whole. */
class ElementSamplerTest {

    private static final List<Group<?>> CONTINUOUS = List.of(Groups.so2(), Groups.o2(), Groups.so3(), Groups.o3(),
            Groups.se3(), Groups.e3(), Groups.product(Groups.so3(), Groups.symmetric(4)));

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void aSmallBudgetUnderAContinuousGroup_stillDrawsAGenericElement(int trials) {
        for (Group<?> g : CONTINUOUS) {
            List<SampledElement> drawn = ElementSampler.draw(g, trials, new SplittableRandom(trials), true, true);
            assertThat(drawn).as(g.name()).hasSize(trials).anyMatch(e -> !e.edgeCase());
            if (trials > 1) {
                assertThat(drawn.get(0).element().isIdentity()).as("the identity still comes first").isTrue();
            }
        }
    }

    @Test
    void largerBudgetsKeepHalfForEdgeCases() {
        List<SampledElement> drawn = ElementSampler.draw(Groups.so3(), 16, new SplittableRandom(1), true, true);
        assertThat(drawn.stream().filter(SampledElement::edgeCase)).hasSize(8);
    }

    @Test
    void withoutEdgeCases_everyElementIsGeneric() {
        assertThat(ElementSampler.draw(Groups.so3(), 3, new SplittableRandom(1), false, true))
                .hasSize(3).noneMatch(SampledElement::edgeCase);
    }

    @Test
    void smallFiniteGroupsAreCoveredWhole() {
        assertThat(distinct(Groups.c4(), 4)).isEqualTo(4);
        assertThat(distinct(Groups.c4(), 32)).isEqualTo(4);
        assertThat(distinct(Groups.d4(), 8)).isEqualTo(8);
        assertThat(distinct(Groups.symmetric(3), 6)).isEqualTo(6);
        assertThat(distinct(Groups.symmetric(5), 128)).as("not 116: the generators close the gaps").isEqualTo(120);
        assertThat(distinct(Groups.translations(4, 5), 64)).isEqualTo(20);
    }

    private static int distinct(Group<?> g, int trials) {
        List<SampledElement> drawn = ElementSampler.draw(g, trials, new SplittableRandom(7), true, true);
        HashSet<GroupElement> set = new HashSet<>();
        drawn.forEach(e -> set.add(e.element()));
        assertThat(set).hasSize(drawn.size());
        return set.size();
    }

    @Test
    void ordersOfTheBuiltInFiniteGroups() {
        assertThat(ElementSampler.order(Groups.symmetric(5))).hasValue(120);
        assertThat(ElementSampler.order(Groups.translations(4, 5))).hasValue(20);
        assertThat(ElementSampler.order(Groups.c4())).hasValue(4);
        assertThat(ElementSampler.order(Groups.d4())).hasValue(8);
        assertThat(ElementSampler.order(Groups.product(Groups.symmetric(4), Groups.translations(3)))).hasValue(72);
        assertThat(ElementSampler.order(Groups.symmetric(30))).hasValue(Long.MAX_VALUE);
        assertThat(ElementSampler.order(Groups.so3())).isEmpty();
        assertThat(ElementSampler.order(Groups.product(Groups.so3(), Groups.symmetric(4)))).isEmpty();
        assertThat(ElementSampler.continuous(Groups.e3())).isTrue();
        assertThat(ElementSampler.continuous(Groups.product(Groups.so3(), Groups.symmetric(4)))).isTrue();
        assertThat(ElementSampler.continuous(Groups.d4())).isFalse();
    }
}
