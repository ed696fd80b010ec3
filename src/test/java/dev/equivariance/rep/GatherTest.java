package dev.equivariance.rep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Groups;
import java.util.List;
import dev.equivariance.testing.RandomElements;
import org.junit.jupiter.api.Test;

class GatherTest {

    @Test
    void whenAPermutationMovesWholePoints_eachPointsFeaturesAreOneRow() {
        Gather g = gatherOf("permute(axis=1)", "S(5)", new long[] {2, 5, 3}, 4, 1);
        assertThat(g.block()).isEqualTo(3);
        assertThat(g.rows()).hasSize(4 * 2 * 5);
    }

    @Test
    void whenATurnMixesTheLastTwoAxes_theGatherIsElementwise() {
        Gather g = gatherOf("rot90(axes=(2,3))", "C4", new long[] {2, 3, 5, 5}, 4, 1);
        assertThat(g.block()).isEqualTo(1);
    }

    @Test
    void whenChannelsShiftAsWholeFeatureMaps_eachMapIsOneRow() {
        Gather g = gatherOf("regular(axis=1)", "C4", new long[] {2, 8, 5, 5}, 4, 1);
        assertThat(g.block()).isEqualTo(25);
    }

    @Test
    void rowsExpandBackToTheFlatIndex_forEveryKindOfIndexAction() {
        String[][] cases = {{"permute(axis=1)", "S(6)"}, {"permute(axis=-1)", "S(4)"}, {"roll(axes=(2,3))",
                "Z(4)xZ(4)"}, {"rot90(axes=(2,3))", "D4"}, {"regular(axis=1)", "D4"}, {"p4m(axis=1, axes=(2,3))",
                "D4"}, {"flip(axis=2)", "O(3)"}};
        long[][] shapes = {{2, 6, 3}, {3, 4}, {2, 3, 4, 4}, {2, 3, 4, 4}, {2, 16, 3, 3}, {2, 16, 4, 4}, {2, 3, 7}};
        for (int c = 0; c < cases.length; c++) {
            for (int seed = 0; seed < 5; seed++) {
                IndexAction a = (IndexAction) Actions.parse(cases[c][0]).bind(shapes[c], Groups.parse(cases[c][1]));
                List<GroupElement> elements = RandomElements.draw(Groups.parse(cases[c][1]), 3, seed);
                int n = FlatMaps.size(shapes[c]);
                int[] flat = new int[elements.size() * n];
                for (int s = 0; s < elements.size(); s++) {
                    int[] m = a.flatIndex(elements.get(s), shapes[c]);
                    for (int i = 0; i < n; i++) {
                        flat[s * n + i] = m == null ? i : m[i];
                    }
                }
                Gather g = Gather.of(flat, n);
                int[] expanded = new int[flat.length];
                for (int r = 0; r < g.rows().length; r++) {
                    for (int k = 0; k < g.block(); k++) {
                        expanded[r * g.block() + k] = g.rows()[r] * g.block() + k;
                    }
                }
                assertThat(expanded).as("%s under %s, seed %d (block %d)", cases[c][0], cases[c][1], seed, g.block())
                        .containsExactly(flat);
            }
        }
    }

    @Test
    void runsThatStartInsideARow_fallBackToSmallerRows() {
        // not permutations, so rows could start anywhere: [2,3,4,5] is two rows of 2, [0,1,3,4] no rows at all
        assertThat(Gather.of(new int[] {2, 3, 4, 5}, 8)).satisfies(g -> {
            assertThat(g.block()).isEqualTo(2);
            assertThat(g.rows()).containsExactly(1, 2);
        });
        assertThat(Gather.of(new int[] {0, 1, 3, 4}, 8).block()).isEqualTo(1);
        assertThat(Gather.of(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 8).block()).isEqualTo(8);
    }

    @Test
    void keptGathersAreReusedAndBoundedInRows() {
        Group<?> c4 = Groups.c4();
        IndexAction turn = (IndexAction) Actions.parse("rot90(axes=(2,3))").bind(new long[] {1, 1, 256, 256}, c4);
        List<GroupElement> elements = RandomElements.draw(c4, 16, 3);
        Gather first = StackedIndex.each(turn, elements, new long[] {1, 1, 256, 256});
        IndexAction same = (IndexAction) Actions.parse("rot90(axes=(2,3))").bind(new long[] {1, 1, 256, 256}, c4);
        assertThat(StackedIndex.each(same, elements, new long[] {1, 1, 256, 256}))
                .as("an equal action and equal elements reuse the kept gather").isSameAs(first);
        assertThat(first.reused()).isTrue();
        // 16 elements x 65536 rows = 1M rows each: the bound of 4M rows keeps at most four such gathers
        for (int seed = 10; seed < 20; seed++) {
            StackedIndex.each(turn, RandomElements.draw(c4, 16, seed), new long[] {1, 1, 256, 256});
            assertThat(StackedIndex.cachedRows()).isLessThanOrEqualTo(StackedIndex.TOTAL_ROWS);
        }
    }

    @Test
    void aCompositeOfIndexActionsGathersInOnePass() {
        Action p4 = Actions.parse("p4(axis=1, axes=(2,3))").bind(new long[] {2, 8, 5, 5}, Groups.c4());
        assertThat(p4).isInstanceOf(IndexAction.class);
        Action mixed = Actions.parse("permute(axis=1) & vector").bind(new long[] {2, 5, 3}, Groups.parse(
                "SO(3) x S(5)"));
        assertThat(mixed).isNotInstanceOf(IndexAction.class);
    }

    private static Gather gatherOf(String action, String group, long[] shape, int count, int seed) {
        Group<?> g = Groups.parse(group);
        IndexAction a = (IndexAction) Actions.parse(action).bind(shape, g);
        return StackedIndex.each(a, RandomElements.draw(g, count, seed), shape);
    }
}
