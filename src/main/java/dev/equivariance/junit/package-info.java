/**
 * The JUnit Jupiter face: {@code @EquivarianceTest}, {@code @EquivariantUnder}, {@code @InvariantUnder},
 * {@code @ModelUnderTest}, the extension and its parameter resolvers, user-written properties.
 */
package dev.equivariance.junit;
