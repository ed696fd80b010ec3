/**
 * Groups and their elements: identity, composition, inverse, parameters and a readable {@code toString}; S(n),
 * translations Z(n)^k, C(N), D(N), SO(2), O(2), SO(3), O(3), SE(3), E(3) and direct products, with Haar sampling and
 * edge cases. Knows nothing of tensors or backends.
 */
package dev.equivariance.group;
