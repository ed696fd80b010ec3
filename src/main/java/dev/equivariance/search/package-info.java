/**
 * Seeded generation: group elements with edge cases first, input sources (Gaussian, uniform, integer indices, graphs),
 * group-aware shrinking of elements and inputs, seeds and replay.
 */
package dev.equivariance.search;
