/**
 * How a group element acts on one tensor: axis permutations, rolls, quarter turns and interpolated rotations of grids,
 * regular representations on channels, vectors, positions, e3nn irreps, node relabelling, direct sums and custom
 * actions. Works through the {@code tensor} SPI only.
 */
package dev.equivariance.rep;
