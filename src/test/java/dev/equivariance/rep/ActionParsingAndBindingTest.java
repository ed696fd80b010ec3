package dev.equivariance.rep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.equivariance.group.Groups;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The string form of actions, and the messages a user sees when an action does not fit a tensor or a group. */
class ActionParsingAndBindingTest {

    private static final long[] POINTS = {4, 10, 3};

    @ParameterizedTest
    @ValueSource(strings = {"permute(axis=1)", "roll(axes=(2,3))", "roll(axes=2)", "rot90(axes=(2,3))",
        "regular(axis=1)", "flip(axis=2)", "vector(axis=-1)", "pseudovector(axis=-1)", "trivial",
        "permute(axis=1) & vector(axis=-1)", "rot90(axes=(2,3)) & regular(axis=1)", "permute(axis=1, factor=1)"})
    void describe_roundTripsThroughParse(String text) {
        Action a = Actions.parse(text);
        assertThat(a.describe()).isEqualTo(text);
        assertThat(Actions.parse(a.describe()).describe()).isEqualTo(text);
    }

    @Test
    void parse_acceptsAliasesDefaultsAndPositionalAxes() {
        assertThat(Actions.parse("vector").describe()).isEqualTo("vector(axis=-1)");
        assertThat(Actions.parse("permute(1)").describe()).isEqualTo("permute(axis=1)");
        assertThat(Actions.parse("rot90").describe()).isEqualTo("rot90(axes=(-2,-1))");
        assertThat(Actions.parse("roll(axis=3)").describe()).isEqualTo("roll(axes=3)");
        assertThat(Actions.parse("p4(axis=1, axes=(2,3))").describe()).isEqualTo("rot90(axes=(2,3)) & regular(axis=1)");
        assertThat(Actions.parse("invariant").isTrivial()).isTrue();
        assertThat(Actions.parse("axial(axis=2)").describe()).isEqualTo("pseudovector(axis=2)");
    }

    @Test
    void unknownAction_isNamedAndTheKnownOnesListed() {
        // rotate is known since C(N) and D(N) came: an unknown name still lists every action, the new ones too
        assertThatThrownBy(() -> Actions.parse("twist(axis=1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown action 'twist(axis=1)'")
                .hasMessageContaining("permute(axis=i)").hasMessageContaining("rot90(axes=(i,j))")
                .hasMessageContaining("vector(axis=i)").hasMessageContaining("rotate(axes=(i,j)")
                .hasMessageContaining("cn(axis=c, axes=(i,j))").hasMessageContaining("regular(axis=i, n=N)");
    }

    @Test
    void rotateWithAMisspeltArgument_namesTheArgumentsItTakes() {
        assertThatThrownBy(() -> Actions.parse("rotate(axis=1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument 'axis'").hasMessageContaining("axes=...")
                .hasMessageContaining("interpolation=...").hasMessageContaining("mask=...");
    }

    @Test
    void unknownActionInAComposite_namesTheWholeSpec() {
        assertThatThrownBy(() -> Actions.parse("permute(axis=1) & spin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'spin'").hasMessageContaining("'permute(axis=1) & spin'");
    }

    @Test
    void unknownArgument_isNamed() {
        assertThatThrownBy(() -> Actions.parse("permute(axes=1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument 'axes'").hasMessageContaining("axis");
        assertThatThrownBy(() -> Actions.parse("vector(axis=1, scale=2)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown argument 'scale'");
    }

    @Test
    void argumentThatTheActionIgnores_isRejectedRatherThanDropped() {
        // rot90 takes axes=(i,j); an axis=... would otherwise be silently ignored and the default axes used
        assertThatThrownBy(() -> Actions.parse("rot90(axis=1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument 'axis'");
    }

    @Test
    void missingRequiredArgument_showsAnExample() {
        assertThatThrownBy(() -> Actions.parse("permute")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs axis=").hasMessageContaining("permute(axis=1)");
    }

    @Test
    void malformedArguments_areExplained() {
        assertThatThrownBy(() -> Actions.parse("permute(axis=one)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis must be an integer");
        assertThatThrownBy(() -> Actions.parse("rot90(axes=(1,2,3))")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly two axes");
        assertThatThrownBy(() -> Actions.parse(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No action given");
    }

    @Test
    void axisOutOfRange_mentionsTheRankAndTheValidAxes() {
        assertThatThrownBy(() -> Actions.parse("permute(axis=5)").bind(POINTS, Groups.symmetric(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis 5 is out of range").hasMessageContaining("rank 3")
                .hasMessageContaining("[4, 10, 3]").hasMessageContaining("0..2");
    }

    @Test
    void negativeAxisOutOfRange_isReportedToo() {
        assertThatThrownBy(() -> Actions.vector(-4).bind(POINTS, Groups.so3()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis -4 is out of range");
    }

    @Test
    void rot90OnANonSquareGrid_mentionsSquare() {
        assertThatThrownBy(() -> Actions.parse("rot90(axes=(2,3))").bind(new long[] {1, 1, 4, 5}, Groups.c4()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square")
                .hasMessageContaining("sizes 4 and 5");
    }

    @Test
    void rot90OnOneAxisTwice_isRejected() {
        assertThatThrownBy(() -> Actions.rot90(2, -1).bind(new long[] {1, 1, 4}, Groups.c4()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
    }

    @Test
    void vectorActionOnAnAxisOfSizeFour_mentionsThreeVectors() {
        assertThatThrownBy(() -> Actions.parse("vector").bind(new long[] {2, 5, 4}, Groups.so3()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3-vectors")
                .hasMessageContaining("size 4");
    }

    @Test
    void regularActionWithSixChannelsUnderC4_mentionsMultipleOfFour() {
        assertThatThrownBy(() -> Actions.parse("regular(axis=1)").bind(new long[] {2, 6, 5, 5}, Groups.c4()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of the group order 4");
    }

    @Test
    void regularActionWithEightChannelsUnderD4_mentionsMultipleOfEight() {
        assertThatThrownBy(() -> Actions.regular(1).bind(new long[] {2, 12, 5, 5}, Groups.d4()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of the group order 8");
    }

    @Test
    void permuteOnAnAxisOfSevenUnderS10_mentionsTheMismatch() {
        assertThatThrownBy(() -> Actions.parse("permute(axis=1)").bind(new long[] {4, 7, 3}, Groups.symmetric(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permutes 10 points")
                .hasMessageContaining("has 7").hasMessageContaining("S(7)");
    }

    @Test
    void rollWithTheWrongModulus_suggestsTheRightOne() {
        assertThatThrownBy(() -> Actions.roll(1).bind(new long[] {2, 6}, Groups.translations(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use Z(6)");
        assertThatThrownBy(() -> Actions.roll(1).bind(new long[] {2, 6, 6}, Groups.translations(6, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rolls 1 axes")
                .hasMessageContaining("shifts 2");
    }

    @Test
    void actionForTheWrongGroup_saysWhichGroupFits() {
        assertThatThrownBy(() -> Actions.permute(1).bind(POINTS, Groups.so3()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit the group SO(3)")
                .hasMessageContaining("S(10)");
        assertThatThrownBy(() -> Actions.rot90(1, 2).bind(new long[] {1, 4, 4}, Groups.symmetric(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Use C4 or D4");
    }

    @Test
    void factorPicksAFactorOfAProduct() {
        Action a = Actions.parse("permute(axis=1, factor=1)");
        assertThat(a.bind(new long[] {2, 5, 3}, Groups.parse("SO(3) x S(5)"))).isNotNull();
        assertThatThrownBy(() -> a.bind(new long[] {2, 5, 3}, Groups.parse("S(5) x SO(3)")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizeHints_tellTheSymmetricGroupSize() {
        assertThat(Actions.parse("permute(axis=1) & vector").sizeHints(POINTS)).isEqualTo(Map.of("n", 10));
        assertThat(Actions.vector().sizeHints(POINTS)).isEmpty();
    }

    @Test
    void touchesAxis_reportsTheAxesAnActionMoves() {
        assertThat(Actions.permute(1).touchesAxis(1, 3)).isTrue();
        assertThat(Actions.permute(1).touchesAxis(0, 3)).isFalse();
        assertThat(Actions.vector().touchesAxis(2, 3)).isTrue();
        assertThat(Actions.rot90(-2, -1).touchesAxis(2, 4)).isTrue();
        assertThat(Actions.custom("mine", (g, x) -> x).touchesAxis(0, 3)).isTrue();
        assertThat(Actions.trivial().touchesAxis(0, 3)).isFalse();
    }
}
