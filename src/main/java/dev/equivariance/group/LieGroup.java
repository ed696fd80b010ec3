package dev.equivariance.group;

import java.util.List;

/**
 * A group with a continuous part: a basis of its Lie algebra (the infinitesimal generators) and the exponential map
 * along each, {@code exp(t A_i)}. The Lie derivative of a model (how fast its equivariance error grows from the
 * identity) is taken along these generators. SO(2) and O(2) have one generator (the planar rotation), SO(3) and
 * O(3) three (rotations about x, y and z), SE(3) and E(3) six (those and translations along x, y and z). Finite groups
 * (C(N), D(N), S(n), Z(n)) do not implement this interface; a product of groups does, with the generators of its
 * continuous factors (none when every factor is finite).
 *
 * @param <E> the element type
 */
public interface LieGroup<E extends GroupElement> {

    /**
     * A readable name per generator, in the order of {@link #exp}, e.g. {@code rotation about z} or
     * {@code translation along x}.
     */
    List<String> generatorNames();

    /**
     * {@code exp(t A_i)}: the element reached by flowing along generator {@code i} for time {@code t} (an angle in
     * radians for rotations, a length for translations).
     *
     * @throws IndexOutOfBoundsException when there is no generator {@code i}
     */
    E exp(int generator, double t);
}
