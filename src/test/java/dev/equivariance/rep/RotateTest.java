package dev.equivariance.rep;

import static dev.equivariance.rep.HostTensors.maxAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.equivariance.group.DiscreteRotation;
import dev.equivariance.group.Group;
import dev.equivariance.group.GroupElement;
import dev.equivariance.group.Groups;
import dev.equivariance.group.PlanarRotation;
import dev.equivariance.group.SquareSymmetry;
import dev.equivariance.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The rotate action: torch's grid_sample semantics at any angle (checked against values torch 1.13 computed, in
 * src/test/resources/fixtures/rotate_reference.txt, written by src/test/python/export_fixtures.py), numpy's rot90 at
 * quarter turns, exactly.
 */
class RotateTest {

    private static final Path REFERENCE = Path.of("src/test/resources/fixtures/rotate_reference.txt");
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

    /** One rotated image of the reference file. */
    record Reference(int size, double[] image, String mode, double angle, double[] rotated) {
        @Override
        public String toString() {
            return mode + " " + size + "x" + size + " by " + angle + " rad";
        }
    }

    static Stream<Reference> references() throws IOException {
        List<Reference> out = new ArrayList<>();
        int size = 0;
        double[] image = null;
        for (String line : Files.readAllLines(REFERENCE)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            if (f[0].equals("size")) {
                size = Integer.parseInt(f[1]);
            } else if (f[0].equals("image")) {
                image = values(f, 1);
            } else {
                out.add(new Reference(size, image, f[0], Double.parseDouble(f[1]), values(f, 2)));
            }
        }
        assertThat(out).hasSizeGreaterThan(50);
        return out.stream();
    }

    private static double[] values(String[] fields, int from) {
        return Arrays.stream(fields, from, fields.length).mapToDouble(Double::parseDouble).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void anyAngle_matchesTorchGridSample(Reference r) {
        long[] shape = {1, 1, r.size(), r.size()};
        Action rotate = Actions.parse("rotate(axes=(2,3), interpolation=" + r.mode() + ")").bind(shape, Groups.so2());
        double[] y = rotate.apply(PlanarRotation.of(r.angle()), tensors.of(r.image(), shape)).toDoubles();
        assertThat(y).hasSameSizeAs(r.rotated());
        for (int i = 0; i < y.length; i++) {
            assertThat(Math.abs(y[i] - r.rotated()[i])).as("pixel %d", i).isLessThan(1e-12);
        }
    }

    @Test
    void quarterTurns_areNumpysRot90Exactly() {
        long[] shape = {2, 3, 6, 6};
        Tensor x = tensors.random(new SplittableRandom(1), shape);
        Action rot90 = Actions.rot90(2, 3).bind(shape, Groups.d4());
        for (String group : List.of("C8", "D8", "C12", "SO(2)", "O(2)", "C4", "D4")) {
            Group<?> g = Groups.parse(group);
            Action rotate = Actions.rotate(2, 3).bind(shape, g);
            for (int k = 0; k < 4; k++) {
                GroupElement e = quarterTurn(g, k, false);
                assertThat(maxAbsDiff(rotate.apply(e, x), rot90.apply(SquareSymmetry.rotation(k), x)))
                        .as("%s under %s", e, group).isZero();
                if (!group.startsWith("C") && !group.startsWith("SO")) {
                    GroupElement f = quarterTurn(g, k, true);
                    // D(N)'s flip is D4's (x -> -x); O(2)'s reflection y -> -y is a half turn after it
                    SquareSymmetry same = group.equals("O(2)") ? SquareSymmetry.flipThenRotate(k + 2)
                            : SquareSymmetry.flipThenRotate(k);
                    assertThat(maxAbsDiff(rotate.apply(f, x), rot90.apply(same, x))).as("%s under %s", f, group)
                            .isZero();
                }
            }
        }
    }

    private static GroupElement quarterTurn(Group<?> g, int k, boolean flip) {
        return switch (g.name()) {
            case "C4", "D4" -> flip ? SquareSymmetry.flipThenRotate(k) : SquareSymmetry.rotation(k);
            case "SO(2)", "O(2)" -> flip ? PlanarRotation.reflectionThenRotation(k * Math.PI / 2)
                    : PlanarRotation.of(k * Math.PI / 2);
            default -> {
                int n = Integer.parseInt(g.name().substring(1));
                yield flip ? DiscreteRotation.flipThenRotate(k * n / 4, n) : DiscreteRotation.rotation(k * n / 4, n);
            }
        };
    }

    @Test
    void underC4AndD4_rotateIsAnExactIndexAction() {
        long[] shape = {2, 3, 5, 5};
        for (Group<?> g : List.of(Groups.c4(), Groups.d4(), Groups.parse("C2"), Groups.parse("D1"))) {
            assertThat(Actions.rotate(2, 3).bind(shape, g).exactInAnyDtype()).as(g.name()).isTrue();
        }
        for (Group<?> g : List.of(Groups.parse("C8"), Groups.parse("D3"), Groups.so2(), Groups.o2())) {
            assertThat(Actions.rotate(2, 3).bind(shape, g).exactInAnyDtype()).as(g.name()).isFalse();
        }
    }

    @Test
    void aStackMixingQuarterTurnsAndOtherAngles_equalsEachSliceAlone() {
        long[] shape = {2, 2, 7, 7};
        Group<?> c8 = Groups.parse("D8");
        Action rotate = Actions.parse("cn(axis=1, axes=(2,3))").bind(new long[] {2, 16, 7, 7}, c8);
        Action image = Actions.rotate(2, 3).bind(shape, c8);
        SplittableRandom rng = new SplittableRandom(3);
        Tensor x = tensors.random(rng, shape);
        Tensor features = tensors.random(rng, 2, 16, 7, 7);
        List<GroupElement> all = new ArrayList<>(((dev.equivariance.group.DiscreteRotationGroup) c8).elements());
        java.util.Collections.shuffle(all, new java.util.Random(4));
        for (Action[] pair : new Action[][] {{image}, {rotate}}) {
            Action a = pair[0];
            Tensor in = a == image ? x : features;
            Tensor stack = a.applyEach(all, in);
            List<Tensor> slices = stack.slices();
            for (int s = 0; s < all.size(); s++) {
                Tensor one = a.apply(all.get(s), in);
                assertThat(maxAbsDiff(slices.get(s).reshape(one.shape()), one)).as("%s by %s", a, all.get(s))
                        .isLessThan(1e-14);
            }
        }
    }

    @Test
    void aLargeStack_isRotatedInChunks_likeEachSliceAlone() {
        // 16 taps x 64 x 64 pixels: at most 64 elements' taps at a time, so 70 elements take two chunks
        long[] shape = {1, 64, 64};
        Action rotate = Actions.parse("rotate(axes=(1,2), interpolation=bicubic)").bind(shape, Groups.so2());
        SplittableRandom rng = new SplittableRandom(5);
        Tensor x = tensors.random(rng, shape);
        List<GroupElement> elements = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            elements.add(Groups.so2().random(rng));
        }
        List<Tensor> slices = rotate.applyEach(elements, x).slices();
        for (int s : new int[] {0, 63, 64, 69}) {
            Tensor one = rotate.apply(elements.get(s), x);
            assertThat(maxAbsDiff(slices.get(s).reshape(one.shape()), one)).as("slice %d", s).isLessThan(1e-14);
        }
    }

    @Test
    void interpolatedRotations_composeApproximatelyInsideTheDisk() {
        // a smooth image: two turns by 45 degrees are nearly one quarter turn (torch's grid_sample twice also differs
        // from rot90 by 0.0793 inside the disk, near its edge, where the first turn read zeros from outside the grid)
        int size = 33;
        long[] shape = {1, 1, size, size};
        double[] data = new double[size * size];
        double c = (size - 1) / 2.0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double x = (j - c) / size;
                double y = (c - i) / size;
                data[i * size + j] = Math.exp(-8 * ((x - 0.1) * (x - 0.1) + y * y)) * (1 + x);
            }
        }
        Tensor img = tensors.of(data, shape);
        Action rotate = Actions.parse("rotate(axes=(2,3), mask=disk)").bind(shape, Groups.parse("C8"));
        DiscreteRotation r = DiscreteRotation.rotation(1, 8);
        Tensor twice = rotate.compared(rotate.apply(r, rotate.apply(r, img)).reshape(1, 1, 1, size, size));
        Tensor once = rotate.compared(rotate.apply(r.compose(r), img).reshape(1, 1, 1, size, size));
        double error = maxAbsDiff(twice, once);
        assertThat(error).as("interpolation error").isGreaterThan(1e-6).isCloseTo(0.0793, within(5e-4));
    }

    @Test
    void diskMask_keepsThePixelsWithinTheInscribedCircle() {
        double[] mask = Rotate.diskMask(5, 5);
        // radius 2 around (2, 2): the corners and their neighbours are outside
        assertThat(mask).containsExactly(
                0, 0, 1, 0, 0,
                0, 1, 1, 1, 0,
                1, 1, 1, 1, 1,
                0, 1, 1, 1, 0,
                0, 0, 1, 0, 0);
    }

    @Test
    void nonSquareGridsAndThreeDimensionalGroups_areRejectedClearly() {
        assertThatThrownBy(() -> Actions.rotate(2, 3).bind(new long[] {1, 1, 4, 5}, Groups.parse("C8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square grid")
                .hasMessageContaining("sizes 4 and 5");
        assertThatThrownBy(() -> Actions.rotate(2, 3).bind(new long[] {1, 1, 4, 4}, Groups.so3()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("planar group");
        assertThatThrownBy(() -> Actions.parse("rotate(axes=(2,3), interpolation=lanczos)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nearest, bilinear or bicubic");
        assertThatThrownBy(() -> Actions.parse("rotate(axes=(2,3), mask=square)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disk");
    }

    @Test
    void describe_roundTripsThroughTheParser() {
        for (String text : List.of("rotate(axes=(2,3))", "rotate(axes=(1,2), interpolation=bicubic, mask=disk)",
                "rotate(axes=(2,3), interpolation=nearest)")) {
            assertThat(Actions.parse(text).describe()).isEqualTo(text);
            assertThat(Actions.parse(Actions.parse(text).describe())).isEqualTo(Actions.parse(text));
        }
    }
}
