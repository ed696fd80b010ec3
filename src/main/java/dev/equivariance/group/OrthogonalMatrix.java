package dev.equivariance.group;

/**
 * An element that acts on d-dimensional vectors by an orthogonal d x d matrix (rotations, reflections, quarter
 * turns, inversion). Vector and irreps actions use this view.
 */
public interface OrthogonalMatrix extends GroupElement {

    /** The matrix, row-major: {@code matrix()[i][j]}. A fresh copy. */
    double[][] matrix();

    /** The determinant, +1 or -1. */
    default int determinant() {
        double[][] m = matrix();
        double det = m.length == 2
                ? m[0][0] * m[1][1] - m[0][1] * m[1][0]
                : m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        return det < 0 ? -1 : 1;
    }
}
