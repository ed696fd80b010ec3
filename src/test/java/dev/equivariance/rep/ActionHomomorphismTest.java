package dev.equivariance.rep;

import static dev.equivariance.rep.HostTensors.maxAbsDiff;
import static dev.equivariance.rep.HostTensors.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Groups;
import dev.equivariance.group.OrthogonalTransform;
import dev.equivariance.group.Permutation;
import dev.equivariance.group.Rotation;
import dev.equivariance.group.SquareSymmetry;
import dev.equivariance.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every action must be a representation: rho(ab) x = rho(a) rho(b) x, rho(e) x = x, rho(a⁻¹) rho(a) x = x, on 50
 * seeded random float64 tensors and group elements per case, to within 1e-12.
 */
class ActionHomomorphismTest {

    private static final int TRIALS = 50;
    private static final double TOL = 1e-12;
    private static HostTensors tensors;

    @BeforeAll
    static void startBackend() {
        tensors = new HostTensors();
    }

    @AfterAll
    static void stopBackend() {
        tensors.close();
    }

    @BeforeEach
    void openScope() {
        tensors.beginScope();
    }

    @AfterEach
    void closeScope() {
        tensors.endScope();
    }

    /** An action, the group it is bound to, and the shape of the tensors it acts on. */
    record Case(String action, Action unbound, Group<?> group, long[] shape) {
        Action bound() {
            return unbound.bind(shape, group);
        }

        @Override
        public String toString() {
            return action + " under " + group.name() + " on " + Arrays.toString(shape);
        }
    }

    private static Case parsed(String action, String group, long... shape) {
        return new Case(action, Actions.parse(action), Groups.parse(group), shape);
    }

    /** The sign of a permutation, as a one-dimensional representation of S(n). */
    static int sign(Permutation p) {
        int[] idx = p.indices();
        boolean[] seen = new boolean[idx.length];
        int sign = 1;
        for (int i = 0; i < idx.length; i++) {
            if (!seen[i]) {
                int length = 0;
                for (int j = i; !seen[j]; j = idx[j]) {
                    seen[j] = true;
                    length++;
                }
                if (length % 2 == 0) {
                    sign = -sign;
                }
            }
        }
        return sign;
    }

    static Action signAction() {
        return Actions.custom("sign", (g, x) -> x.scale(sign(g.part(Permutation.class).orElseThrow())));
    }

    /** A custom regular representation of C4 written by hand: roll a 4-channel axis by the quarter turns. */
    static Action customChannelRoll() {
        return Actions.custom("roll-channels", (g, x) -> {
            int k = g.part(SquareSymmetry.class).orElseThrow().quarterTurns();
            int[] idx = new int[4];
            for (int i = 0; i < 4; i++) {
                idx[i] = Math.floorMod(i - k, 4);
            }
            return x.take(1, idx);
        });
    }

    static Stream<Case> cases() {
        return Stream.of(
                parsed("permute(axis=1)", "S(6)", 2, 6, 3),
                parsed("permute(axis=-1)", "S(5)", 3, 5),
                parsed("roll(axes=(2,3))", "Z(4)xZ(5)", 2, 3, 4, 5),
                parsed("roll(axis=1)", "Z(7)", 2, 7, 3),
                parsed("rot90(axes=(2,3))", "C4", 2, 3, 5, 5),
                parsed("rot90(axes=(2,3))", "D4", 2, 3, 5, 5),
                parsed("rot90(axes=(1,2))", "D4", 2, 4, 4),
                parsed("regular(axis=1)", "C4", 2, 8, 3, 3),
                parsed("regular(axis=1)", "D4", 2, 16, 3, 3),
                parsed("p4(axis=1, axes=(2,3))", "C4", 2, 8, 5, 5),
                parsed("p4m(axis=1, axes=(2,3))", "D4", 2, 16, 5, 5),
                new Case("Actions.p4(1, 2, 3)", Actions.p4(1, 2, 3), Groups.c4(), new long[] {2, 4, 6, 6}),
                parsed("regular(axis=1)", "C2", 2, 4, 3),
                parsed("regular(axis=1)", "C3", 2, 6, 3),
                parsed("regular(axis=1)", "C5", 2, 10, 2, 2),
                parsed("regular(axis=1)", "C8", 2, 16, 3),
                parsed("regular(axis=-1)", "C(16)", 2, 3, 16),
                parsed("regular(axis=1)", "D1", 2, 4, 3),
                parsed("regular(axis=1)", "D2", 2, 8, 3),
                parsed("regular(axis=1)", "D3", 2, 12, 3),
                parsed("regular(axis=1)", "D5", 2, 10, 3),
                parsed("regular(axis=1)", "D8", 2, 32, 2),
                parsed("regular(axis=1, n=8)", "C4", 2, 16, 3),
                parsed("regular(axis=1, n=8)", "D4", 2, 16, 3),
                parsed("regular(axis=1, n=6)", "C3", 2, 6, 3),
                parsed("regular(axis=1, n=12)", "D2", 2, 24, 3),
                parsed("quotient(axis=1, by=2)", "C8", 2, 8, 3),
                parsed("quotient(axis=1, by=2)", "D8", 2, 16, 3),
                parsed("quotient(axis=1, by=3)", "D(12)", 2, 8, 3),
                parsed("quotient(axis=1, by=flip)", "D5", 2, 10, 3),
                parsed("quotient(axis=-1, by=flip)", "D8", 2, 3, 8),
                parsed("quotient(axis=1, by=5)", "D5", 2, 2, 3),
                parsed("quotient(axis=1, by=1)", "C3", 2, 6, 3),
                parsed("rotate(axes=(2,3))", "C4", 2, 3, 5, 5),
                parsed("rotate(axes=(2,3))", "D4", 2, 3, 6, 6),
                parsed("rotate(axes=(1,2), interpolation=bicubic)", "C2", 2, 5, 5),
                parsed("rotate(axes=(2,3))", "D2", 2, 3, 4, 4),
                parsed("rotate(axes=(2,3))", "D1", 2, 3, 4, 4),
                parsed("cn(axis=1, axes=(2,3))", "C4", 2, 8, 5, 5),
                parsed("cn(axis=1, axes=(2,3), n=8)", "C4", 2, 8, 5, 5),
                parsed("cn(axis=1, axes=(2,3))", "D4", 2, 8, 4, 4),
                parsed("cn(axis=1, axes=(2,3), n=8)", "D2", 2, 16, 4, 4),
                parsed("cn(axis=1, axes=(2,3))", "C2", 2, 4, 5, 5),
                parsed("rotate(axes=(2,3)) & regular(axis=1, n=16)", "D4 x Z(3)", 2, 32, 5, 5),
                parsed("flip(axis=2)", "O(2)", 2, 3, 7),
                parsed("flip(axis=2)", "D4", 2, 3, 7),
                parsed("flip(axis=2)", "O(3)", 2, 3, 7),
                parsed("vector", "SO(3)", 4, 7, 3),
                parsed("vector", "O(3)", 4, 7, 3),
                parsed("vector(axis=1)", "SO(3)", 4, 3, 7),
                parsed("vector", "SO(2)", 4, 7, 2),
                parsed("vector", "O(2)", 4, 7, 2),
                parsed("vector", "D4", 4, 7, 2),
                parsed("pseudovector", "O(3)", 4, 7, 3),
                parsed("permute(axis=1) & vector", "SO(3) x S(5)", 2, 5, 3),
                parsed("permute(axis=1) & pseudovector", "O(3) x S(5)", 2, 5, 3),
                parsed("4x0e + 2x1o + 1x2e", "O(3)", 2, 5, 15),
                parsed("1x0o + 1x1e + 2x3o + 1x6e", "O(3)", 3, 31),
                parsed("2x1o + 1x2e", "SO(3)", 2, 4, 11),
                parsed("irreps(1x1o + 1x2e, axis=1)", "O(3)", 2, 8, 3),
                parsed("1x1o + 1x2e", "E(3)", 2, 8),
                parsed("permute(axis=1) & 1x0e + 1x1o", "E(3) x S(5)", 2, 5, 4),
                new Case("Actions.irreps(\"1x1o + 1x4e\")", Actions.irreps("1x1o + 1x4e"), Groups.o3(),
                        new long[] {2, 12}),
                parsed("frequencies(2x0 + 1x1 + 1x3)", "SO(2)", 2, 3, 6),
                parsed("frequencies(1x0o + 2x1 + 1x2, axis=1)", "O(2)", 2, 7, 3),
                parsed("frequencies(1x1 + 1x2)", "D4", 2, 4),
                new Case("custom sign", signAction(), Groups.symmetric(5), new long[] {2, 5, 3}),
                new Case("custom roll-channels", customChannelRoll(), Groups.c4(), new long[] {2, 4, 3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void composeThenAct_equalsActTwice(Case c) {
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(42);
        for (int t = 0; t < TRIALS; t++) {
            GroupElement a = c.group().random(rng);
            GroupElement b = c.group().random(rng);
            Tensor x = tensors.random(rng, c.shape());
            Tensor composed = rho.apply(a.compose(b), x);
            Tensor twice = rho.apply(a, rho.apply(b, x));
            assertThat(maxAbsDiff(composed, twice)).as("rho(ab) x = rho(a) rho(b) x for a = %s, b = %s", a, b)
                    .isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void actingOnAStack_equalsActingOnEachSlice(Case c) {
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(44);
        List<GroupElement> elements = new java.util.ArrayList<>(List.of(c.group().identity()));
        for (int t = 0; t < 5; t++) {
            elements.add(c.group().random(rng));
        }
        Tensor x = tensors.random(rng, c.shape());
        Tensor stacked = rho.applyStacked(elements, x.tile(elements.size()));
        long[] ones = new long[elements.size()];
        Arrays.fill(ones, 1);
        List<Tensor> slices = x.backend().split(stacked, 0, ones);
        for (int s = 0; s < elements.size(); s++) {
            Tensor one = rho.apply(elements.get(s), x);
            assertThat(maxAbsDiff(slices.get(s).reshape(one.shape()), one))
                    .as("slice %d of the stack acted on by %s", s, elements.get(s)).isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void identity_leavesTheTensorUnchanged(Case c) {
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(43);
        for (int t = 0; t < 10; t++) {
            Tensor x = tensors.random(rng, c.shape());
            assertThat(maxAbsDiff(rho.apply(c.group().identity(), x), x)).isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inverse_undoesTheAction(Case c) {
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(44);
        for (int t = 0; t < TRIALS; t++) {
            GroupElement a = c.group().random(rng);
            Tensor x = tensors.random(rng, c.shape());
            assertThat(maxAbsDiff(rho.apply(a.inverse(), rho.apply(a, x)), x))
                    .as("rho(a⁻¹) rho(a) x = x for a = %s", a).isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatorsAndEdgeCases_actAsHomomorphismsToo(Case c) {
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(45);
        for (GroupElement s : c.group().edgeCases()) {
            GroupElement a = c.group().random(rng);
            Tensor x = tensors.random(rng, c.shape());
            assertThat(maxAbsDiff(rho.apply(s.compose(a), x), rho.apply(s, rho.apply(a, x))))
                    .as("edge case %s", s).isLessThanOrEqualTo(TOL);
            assertThat(maxAbsDiff(rho.apply(a.compose(s), x), rho.apply(a, rho.apply(s, x))))
                    .as("edge case %s", s).isLessThanOrEqualTo(TOL);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void action_keepsShapeAndNorm(Case c) {
        // every built-in action permutes entries, flips signs or rotates vectors: all orthogonal
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(46);
        for (int t = 0; t < 10; t++) {
            GroupElement a = c.group().random(rng);
            Tensor x = tensors.random(rng, c.shape());
            Tensor y = rho.apply(a, x);
            assertThat(y.shape()).containsExactly(c.shape());
            assertThat(norm(y)).isCloseTo(norm(x), within(1e-12 * norm(x)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void action_isNotTrivial(Case c) {
        // guards the checks above against passing vacuously
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(47);
        boolean moved = false;
        for (int t = 0; t < 20 && !moved; t++) {
            GroupElement a = c.group().random(rng);
            Tensor x = tensors.random(rng, c.shape());
            moved = maxAbsDiff(rho.apply(a, x), x) > 1e-3;
        }
        assertThat(moved).as("some element visibly moves a random tensor").isTrue();
        assertThat(rho.isTrivial()).isFalse();
    }

    /** rotate and cn (C(N) / D(N) feature maps) under groups with other angles, at their quarter turns and flips. */
    static Stream<Case> rotationsAtQuarterTurns() {
        return Stream.of(
                parsed("rotate(axes=(2,3))", "C8", 2, 3, 5, 5),
                parsed("rotate(axes=(2,3))", "D8", 2, 3, 6, 6),
                parsed("rotate(axes=(2,3))", "C(12)", 2, 3, 5, 5),
                parsed("rotate(axes=(2,3), interpolation=bicubic)", "D3", 2, 3, 5, 5),
                parsed("rotate(axes=(2,3), interpolation=nearest)", "D5", 2, 3, 5, 5),
                parsed("rotate(axes=(1,2))", "SO(2)", 2, 7, 7),
                parsed("rotate(axes=(2,3))", "O(2)", 2, 3, 6, 6),
                parsed("cn(axis=1, axes=(2,3))", "C8", 2, 16, 5, 5),
                parsed("cn(axis=1, axes=(2,3))", "D8", 2, 16, 4, 4),
                parsed("cn(axis=1, axes=(2,3))", "D(16)", 2, 32, 3, 3),
                parsed("cn(axis=1, axes=(2,3))", "D5", 2, 10, 3, 3));
    }

    /** The elements of the group whose matrices are integer: multiples of a quarter turn, with or without flips. */
    private static List<GroupElement> quarterTurns(Group<?> group) {
        if (group instanceof dev.equivariance.group.DiscreteRotationGroup d) {
            return d.elements().stream().filter(e -> Planar.integerMatrix(e) != null)
                    .map(e -> (GroupElement) e).toList();
        }
        List<GroupElement> out = new java.util.ArrayList<>();
        for (int k = 0; k < 4; k++) {
            out.add(dev.equivariance.group.PlanarRotation.of(k * Math.PI / 2));
            if (group.name().equals("O(2)")) {
                out.add(dev.equivariance.group.PlanarRotation.reflectionThenRotation(k * Math.PI / 2));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rotationsAtQuarterTurns")
    void rotationsAtQuarterTurns_composeExactly(Case c) {
        Action rho = c.bound();
        List<GroupElement> exact = quarterTurns(c.group());
        assertThat(exact).as("quarter turns of %s", c.group().name()).isNotEmpty();
        SplittableRandom rng = new SplittableRandom(48);
        Tensor x = tensors.random(rng, c.shape());
        for (GroupElement a : exact) {
            assertThat(maxAbsDiff(rho.apply(a.inverse(), rho.apply(a, x)), x)).as("rho(a⁻¹) rho(a) x, a = %s", a)
                    .isZero();
            assertThat(norm(rho.apply(a, x))).isCloseTo(norm(x), within(1e-12 * norm(x)));
            for (GroupElement b : exact) {
                assertThat(maxAbsDiff(rho.apply(a.compose(b), x), rho.apply(a, rho.apply(b, x))))
                        .as("rho(ab) x = rho(a) rho(b) x for a = %s, b = %s", a, b).isZero();
            }
        }
        assertThat(maxAbsDiff(rho.apply(c.group().identity(), x), x)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rotationsAtQuarterTurns")
    void rotationsAtOtherAngles_interpolate_soTheyAreNotExactlyHomomorphic(Case c) {
        // guards the exact check above: the same actions at other angles are approximations, as they must be
        Action rho = c.bound();
        SplittableRandom rng = new SplittableRandom(49);
        Tensor x = tensors.random(rng, c.shape());
        double worst = 0;
        for (int t = 0; t < 20; t++) {
            GroupElement a = c.group().random(rng);
            GroupElement b = c.group().random(rng);
            worst = Math.max(worst, maxAbsDiff(rho.apply(a.compose(b), x), rho.apply(a, rho.apply(b, x))));
        }
        assertThat(worst).isGreaterThan(1e-3);
    }

    @Test
    void c1_actsTriviallyInEveryAction() {
        Group<?> c1 = Groups.parse("C1");
        long[] shape = {2, 3, 5, 5};
        Tensor x = tensors.random(new SplittableRandom(50), shape);
        for (String a : List.of("regular(axis=1)", "rotate(axes=(2,3))", "cn(axis=1, axes=(2,3))",
                "regular(axis=1, n=3)")) {
            Action rho = Actions.parse(a).bind(shape, c1);
            assertThat(maxAbsDiff(rho.apply(c1.identity(), x), x)).as(a).isZero();
            assertThat(rho.exactInAnyDtype()).as(a).isTrue();
        }
    }

    @Test
    void regularOfCN_movesChannelRToRPlusK() {
        long[] shape = {1, 16};
        Tensor x = tensors.arange(shape);
        Action c8 = Actions.parse("regular(axis=1)").bind(shape, Groups.parse("C8"));
        assertThat(c8.apply(dev.equivariance.group.DiscreteRotation.rotation(3, 8), x).toDoubles())
                .containsExactly(5, 6, 7, 0, 1, 2, 3, 4, 13, 14, 15, 8, 9, 10, 11, 12);
        // C8 fields under the C4 subgroup: a quarter turn is two eighth turns
        Action c8underC4 = Actions.parse("regular(axis=1, n=8)").bind(shape, Groups.c4());
        assertThat(c8underC4.apply(SquareSymmetry.rotation(1), x).toDoubles())
                .containsExactly(6, 7, 0, 1, 2, 3, 4, 5, 14, 15, 8, 9, 10, 11, 12, 13);
        // D(N) and D4 agree on the layout r^0..r^(N-1), r^0 f..r^(N-1) f
        long[] d4shape = {1, 8};
        Tensor y = tensors.arange(d4shape);
        Action viaSquare = Actions.regular(1).bind(d4shape, Groups.d4());
        Action viaN = Actions.regular(1).bind(d4shape, dev.equivariance.group.DiscreteRotationGroup.dihedral(4));
        for (int k = 0; k < 4; k++) {
            assertThat(viaN.apply(dev.equivariance.group.DiscreteRotation.flipThenRotate(k, 4), y).toDoubles())
                    .containsExactly(viaSquare.apply(SquareSymmetry.flipThenRotate(k), y).toDoubles());
            assertThat(viaN.apply(dev.equivariance.group.DiscreteRotation.rotation(k, 4), y).toDoubles())
                    .containsExactly(viaSquare.apply(SquareSymmetry.rotation(k), y).toDoubles());
        }
    }

    @Test
    void quotients_areTheRegularRepresentationOfTheQuotientGroup_andFlipChannelsToMinusR() {
        long[] shape = {1, 8};
        Tensor x = tensors.arange(shape);
        Group<?> c8 = Groups.parse("C8");
        // by=1 is the regular representation itself
        for (dev.equivariance.group.DiscreteRotation g : ((dev.equivariance.group.DiscreteRotationGroup) c8)
                .elements()) {
            assertThat(Actions.quotient(1, 1).bind(shape, c8).apply(g, x).toDoubles())
                    .containsExactly(Actions.regular(1).bind(shape, c8).apply(g, x).toDoubles());
        }
        // C8 / C2: fields of 4 channels, an eighth turn moves channel r to r + 1 mod 4
        assertThat(Actions.parse("quotient(axis=1, by=2)").bind(shape, c8)
                .apply(dev.equivariance.group.DiscreteRotation.rotation(1, 8), x).toDoubles())
                .containsExactly(3, 0, 1, 2, 7, 4, 5, 6);
        // D5 / flips: the flip moves channel r to -r, a turn moves r to r + 1
        long[] five = {1, 5};
        Tensor y = tensors.arange(five);
        Action byFlip = Actions.quotientByFlips(1).bind(five, Groups.parse("D5"));
        assertThat(byFlip.apply(dev.equivariance.group.DiscreteRotation.flipThenRotate(0, 5), y).toDoubles())
                .containsExactly(0, 4, 3, 2, 1);
        assertThat(byFlip.apply(dev.equivariance.group.DiscreteRotation.rotation(1, 5), y).toDoubles())
                .containsExactly(4, 0, 1, 2, 3);
        assertThatThrownBy(() -> Actions.parse("quotient(axis=1, by=3)").bind(shape, c8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a subgroup");
        assertThatThrownBy(() -> Actions.parse("quotient(axis=1, by=flip)").bind(shape, c8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no flips");
        assertThatThrownBy(() -> Actions.parse("quotient(axis=1, by=x)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("by=flip");
    }

    @Test
    void regularOfAGroupThatIsNoSubgroup_isRejected() {
        assertThatThrownBy(() -> Actions.parse("regular(axis=1, n=6)").bind(new long[] {1, 6}, Groups.c4()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a subgroup of C6");
        assertThatThrownBy(() -> Actions.parse("regular(axis=1)").bind(new long[] {1, 12}, Groups.parse("C8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of the group order 8");
        assertThatThrownBy(() -> Actions.parse("regular(axis=1)").bind(new long[] {1, 8}, Groups.so2()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite group of rotations");
    }

    @Test
    void trivialAction_leavesEveryTensorAlone() {
        Action rho = Actions.parse("trivial").bind(new long[] {2, 3}, Groups.so3());
        SplittableRandom rng = new SplittableRandom(42);
        Tensor x = tensors.random(rng, 2, 3);
        assertThat(maxAbsDiff(rho.apply(Groups.so3().random(rng), x), x)).isZero();
        assertThat(rho.isTrivial()).isTrue();
    }

    @Test
    void inversion_negatesAVectorButLeavesAPseudovectorUnchanged() {
        long[] shape = {4, 7, 3};
        Action vector = Actions.vector().bind(shape, Groups.o3());
        Action pseudo = Actions.pseudovector(-1).bind(shape, Groups.o3());
        Tensor x = tensors.random(new SplittableRandom(42), shape);
        OrthogonalTransform inversion = OrthogonalTransform.inversion();
        assertThat(maxAbsDiff(pseudo.apply(inversion, x), x)).isLessThanOrEqualTo(TOL);
        assertThat(maxAbsDiff(vector.apply(inversion, x), x.scale(-1))).isLessThanOrEqualTo(TOL);
    }

    @Test
    void pseudovectorsAndVectors_agreeOnRotationsAndDifferBySignOnImproperElements() {
        long[] shape = {4, 7, 3};
        Action vector = Actions.vector().bind(shape, Groups.o3());
        Action pseudo = Actions.pseudovector(-1).bind(shape, Groups.o3());
        SplittableRandom rng = new SplittableRandom(42);
        for (int t = 0; t < TRIALS; t++) {
            OrthogonalTransform g = Groups.o3().random(rng);
            Tensor x = tensors.random(rng, shape);
            Tensor expected = g.hasInversion() ? vector.apply(g, x).scale(-1) : vector.apply(g, x);
            assertThat(maxAbsDiff(pseudo.apply(g, x), expected)).as("g = %s", g).isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void pseudovector_transformsLikeTheCrossProductOfTwoVectors() {
        // (g u) x (g v) = det(g) g (u x v): the defining property of a pseudovector
        long[] shape = {1, 3};
        Action vector = Actions.vector().bind(shape, Groups.o3());
        Action pseudo = Actions.pseudovector(-1).bind(shape, Groups.o3());
        SplittableRandom rng = new SplittableRandom(42);
        for (int t = 0; t < 20; t++) {
            OrthogonalTransform g = Groups.o3().random(rng);
            double[] u = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            double[] v = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            double[] gu = vector.apply(g, tensors.of(u, shape)).toDoubles();
            double[] gv = vector.apply(g, tensors.of(v, shape)).toDoubles();
            double[] lhs = cross(gu, gv);
            double[] rhs = pseudo.apply(g, tensors.of(cross(u, v), shape)).toDoubles();
            assertThat(lhs).as("g = %s", g).containsExactly(rhs, within(1e-12));
        }
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    @Test
    void compositeAction_permutesPointsAndRotatesTheirCoordinatesIndependently() {
        long[] shape = {2, 5, 3};
        Group<?> group = Groups.parse("SO(3) x S(5)");
        Action both = Actions.parse("permute(axis=1) & vector").bind(shape, group);
        Action permute = Actions.permute(1).bind(shape, group);
        Action rotate = Actions.vector().bind(shape, group);
        SplittableRandom rng = new SplittableRandom(42);
        for (int t = 0; t < 10; t++) {
            GroupElement g = group.random(rng);
            Tensor x = tensors.random(rng, shape);
            assertThat(maxAbsDiff(both.apply(g, x), rotate.apply(g, permute.apply(g, x)))).isLessThanOrEqualTo(TOL);
            assertThat(maxAbsDiff(both.apply(g, x), permute.apply(g, rotate.apply(g, x)))).isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void vectorAction_onAProductUsesTheRotationFactor() {
        long[] shape = {1, 1, 3};
        Group<?> group = Groups.parse("SO(3) x S(1)");
        Action rotate = Actions.vector().bind(shape, group);
        GroupElement g = dev.equivariance.group.ProductElement.of(java.util.List.of(
                Rotation.about(new double[] {0, 0, 1}, Math.PI / 2), Permutation.identity(1)));
        assertThat(rotate.apply(g, tensors.of(new double[] {1, 0, 0}, shape)).toDoubles())
                .containsExactly(new double[] {0, 1, 0}, within(1e-15));
    }

    @Test
    void theHomomorphismCheck_catchesAnActionComposedTheWrongWayRound() {
        // take(x, perm⁻¹) is a right action: rho(ab) = rho(b) rho(a), which differs for non-commuting a, b
        Action wrong = Actions.custom("take-inverse", (g, x) ->
                x.take(1, g.part(Permutation.class).orElseThrow().inverse().indices()));
        SplittableRandom rng = new SplittableRandom(42);
        Group<Permutation> s5 = Groups.symmetric(5);
        double worst = 0;
        for (int t = 0; t < 10; t++) {
            Permutation a = s5.random(rng);
            Permutation b = s5.random(rng);
            Tensor x = tensors.random(rng, 2, 5, 3);
            worst = Math.max(worst, maxAbsDiff(wrong.apply(a.compose(b), x), wrong.apply(a, wrong.apply(b, x))));
        }
        assertThat(worst).isGreaterThan(0.1);
    }

    @Test
    void dualOfEveryBuiltInAction_isTheActionItself() {
        // all built-in actions are orthogonal, so rho(g⁻¹)ᵀ = rho(g)
        cases().filter(c -> !c.action().startsWith("custom")).forEach(c ->
                assertThat(c.bound().dual().describe()).as(c.toString()).isEqualTo(c.bound().describe()));
    }
}
