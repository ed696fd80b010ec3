package dev.equivariance.group;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A symmetry group: its identity, generators, the special elements worth testing first, and a seeded sampler
 * (uniform for finite groups, Haar measure for compact continuous ones).
 *
 * @param <E> the element type
 */
public interface Group<E extends GroupElement> {

    /** A short name as users write it, e.g. {@code SO(3)} or {@code S(10)}. */
    String name();

    E identity();

    /** A generating set. */
    List<E> generators();

    /** Draws an element from the uniform (Haar) distribution. */
    E random(RandomGenerator rng);

    /**
     * Elements worth testing before random ones, simplest first, starting with the identity: generators, exact
     * quarter turns, single transpositions, unit shifts, reflections.
     */
    List<E> edgeCases();

    /** The element type, so actions can check that they understand this group. */
    Class<E> elementType();

    /**
     * Candidates strictly simpler than {@code element}, most promising first; used to shrink a failing
     * transformation. Empty when nothing is simpler.
     */
    List<E> simplerThan(E element);

    /** A non-negative measure of how far an element is from the identity, used to order shrink candidates. */
    double complexity(E element);
}
