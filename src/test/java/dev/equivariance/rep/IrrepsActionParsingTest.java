package dev.equivariance.rep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.group.Groups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The string forms of irreps, frequencies and position actions, and the messages when they do not fit. */
class IrrepsActionParsingTest {

    @ParameterizedTest
    @ValueSource(strings = {"4x0e + 2x1o + 1x2e", "1x1o", "irreps(1x1o + 1x2e, axis=1)", "irreps(1x1o, factor=0)",
        "frequencies(2x0 + 1x1 + 1x2)", "frequencies(1x0o + 1x3, axis=1)", "position(axis=-1)", "position(axis=2)",
        "permute(axis=1) & position(axis=-1)", "permute(axis=1) & 1x0e + 1x1o"})
    void describe_roundTripsThroughParse(String text) {
        Action a = Actions.parse(text);
        assertThat(a.describe()).isEqualTo(text);
        assertThat(Actions.parse(a.describe()).describe()).isEqualTo(text);
    }

    @Test
    void parse_acceptsE3nnStringsWithOrWithoutSpacesAndAliases() {
        assertThat(Actions.parse("4x0e+2x1o").describe()).isEqualTo("4x0e + 2x1o");
        assertThat(Actions.parse("1o").describe()).isEqualTo("1x1o");
        assertThat(Actions.parse("irreps(2x1e+3x0o)").describe()).isEqualTo("2x1e + 3x0o");
        assertThat(Actions.parse("irreps(1o, 1)").describe()).isEqualTo("irreps(1x1o, axis=1)");
        assertThat(Actions.parse("freq(1x1)").describe()).isEqualTo("frequencies(1x1)");
        assertThat(Actions.parse("positions").describe()).isEqualTo("position(axis=-1)");
        assertThat(Actions.parse("points(axis=1)").describe()).isEqualTo("position(axis=1)");
        assertThat(Actions.irreps("4x0e + 2x1o").describe()).isEqualTo(Actions.parse("4x0e + 2x1o").describe());
        assertThat(Actions.frequencies("2x0 + 1x1").describe()).isEqualTo("frequencies(2x0 + 1x1)");
    }

    @Test
    void scalarIrreps_areTrivial() {
        assertThat(Actions.parse("4x0e").isTrivial()).isTrue();
        assertThat(Actions.parse("4x0e + 1x0o").isTrivial()).isFalse();
        assertThat(Actions.parse("frequencies(3x0)").isTrivial()).isTrue();
    }

    @Test
    void irrepsAction_touchesOnlyItsAxis() {
        Action a = Actions.parse("irreps(1x1o, axis=1)");
        assertThat(a.touchesAxis(1, 3)).isTrue();
        assertThat(a.touchesAxis(0, 3)).isFalse();
        assertThat(Actions.parse("1x1o").touchesAxis(2, 3)).isTrue();
    }

    @Test
    void sizeMismatch_namesTheIrrepsTheirDimensionAndTheAxisSize() {
        assertThatThrownBy(() -> Actions.parse("4x0e + 2x1o").bind(new long[] {2, 5, 9}, Groups.o3()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4x0e + 2x1o").hasMessageContaining("dimension 10")
                .hasMessageContaining("axis 2").hasMessageContaining("size 9");
    }

    @Test
    void frequenciesSizeMismatch_namesTheDimensionToo() {
        assertThatThrownBy(() -> Actions.parse("frequencies(2x0 + 1x1)").bind(new long[] {2, 3}, Groups.so2()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x0 + 1x1")
                .hasMessageContaining("dimension 4").hasMessageContaining("size 3");
    }

    @Test
    void irrepsUnderAPlanarGroup_pointToFrequencies() {
        assertThatThrownBy(() -> Actions.parse("1x1o").bind(new long[] {2, 3}, Groups.so2()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SO(3), O(3), SE(3) or E(3)")
                .hasMessageContaining("frequencies(");
    }

    @Test
    void frequenciesUnderA3dGroup_pointToIrreps() {
        assertThatThrownBy(() -> Actions.parse("frequencies(1x1)").bind(new long[] {2, 2}, Groups.so3()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SO(2), O(2)")
                .hasMessageContaining("irreps");
    }

    @Test
    void irrepsUnderAGroupWithoutMatrices_sayWhichGroupsFit() {
        assertThatThrownBy(() -> Actions.parse("1x1o").bind(new long[] {2, 3}, Groups.symmetric(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SO(3), O(3), SE(3) or E(3)");
    }

    @Test
    void badIrrepsTermInAnAction_isNamed() {
        assertThatThrownBy(() -> Actions.parse("permute(axis=1) & 4x0e + 2x1q"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'2x1q'")
                .hasMessageContaining("MULxLP");
    }

    @Test
    void irrepsWithoutTheRepresentation_showTheExpectedForm() {
        assertThatThrownBy(() -> Actions.parse("irreps(axis=1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the representation first").hasMessageContaining("irreps(4x0e + 2x1o");
        assertThatThrownBy(() -> Actions.parse("irreps")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("irreps(4x0e + 2x1o, axis=i)");
    }

    @Test
    void unknownArgumentOfIrreps_isNamed() {
        assertThatThrownBy(() -> Actions.parse("irreps(1x1o, axes=1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument 'axes'").hasMessageContaining("axis=...");
    }

    @Test
    void unknownAction_listsTheNewActionsToo() {
        assertThatThrownBy(() -> Actions.parse("spin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position(axis=i)").hasMessageContaining("4x0e + 2x1o")
                .hasMessageContaining("frequencies(");
    }
}
