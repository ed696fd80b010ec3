package dev.equivariance.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/** C4 (quarter turns of the plane) or D4 (quarter turns and flips): the symmetries of a square image grid. */
public final class SquareGroup implements Group<SquareSymmetry> {

    private final boolean withFlips;

    private SquareGroup(boolean withFlips) {
        this.withFlips = withFlips;
    }

    /** C4: the four quarter turns. */
    public static SquareGroup c4() {
        return new SquareGroup(false);
    }

    /** D4: quarter turns and flips, 8 elements. */
    public static SquareGroup d4() {
        return new SquareGroup(true);
    }

    public boolean hasFlips() {
        return withFlips;
    }

    @Override
    public String name() {
        return withFlips ? "D4" : "C4";
    }

    @Override
    public SquareSymmetry identity() {
        return SquareSymmetry.rotation(0);
    }

    @Override
    public List<SquareSymmetry> generators() {
        return withFlips ? List.of(SquareSymmetry.rotation(1), SquareSymmetry.flipThenRotate(0))
                : List.of(SquareSymmetry.rotation(1));
    }

    /** All elements, identity first. */
    public List<SquareSymmetry> elements() {
        List<SquareSymmetry> all = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            all.add(SquareSymmetry.rotation(k));
        }
        if (withFlips) {
            for (int k = 0; k < 4; k++) {
                all.add(SquareSymmetry.flipThenRotate(k));
            }
        }
        return all;
    }

    @Override
    public SquareSymmetry random(RandomGenerator rng) {
        List<SquareSymmetry> all = elements();
        return all.get(rng.nextInt(all.size()));
    }

    /** Every element (the group is small), simplest first. */
    @Override
    public List<SquareSymmetry> edgeCases() {
        List<SquareSymmetry> all = elements();
        all.sort(Comparator.comparingDouble(this::complexity));
        return all;
    }

    @Override
    public Class<SquareSymmetry> elementType() {
        return SquareSymmetry.class;
    }

    /** Shrinks toward the generators: a single quarter turn, or a plain flip. */
    @Override
    public List<SquareSymmetry> simplerThan(SquareSymmetry element) {
        List<SquareSymmetry> out = new ArrayList<>(elements());
        out.removeIf(e -> e.isIdentity() || complexity(e) >= complexity(element));
        out.sort(Comparator.comparingDouble(this::complexity));
        return out;
    }

    /** Identity 0; the generator r and the flip 1; then r^3 (= r^-1), r^2, and flips combined with turns. */
    @Override
    public double complexity(SquareSymmetry e) {
        double turns = switch (e.quarterTurns()) {
            case 0 -> 0;
            case 1 -> 1;
            case 3 -> 2;
            default -> 3;
        };
        return e.flipped() ? 1 + turns * 1.1 : turns;
    }

    @Override
    public String toString() {
        return name();
    }
}
