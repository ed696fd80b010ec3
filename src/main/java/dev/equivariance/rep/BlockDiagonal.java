package dev.equivariance.rep;

/** Assembles a block-diagonal matrix from blocks repeated along the diagonal (multiplicity-major direct sums). */
final class BlockDiagonal {

    private final double[][] matrix;
    private int offset;

    BlockDiagonal(int dim) {
        this.matrix = new double[dim][dim];
    }

    /** Places {@code copies} copies of the square {@code block} next on the diagonal. */
    BlockDiagonal add(double[][] block, int copies) {
        int n = block.length;
        for (int copy = 0; copy < copies; copy++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(block[i], 0, matrix[offset + i], offset, n);
            }
            offset += n;
        }
        return this;
    }

    double[][] matrix() {
        return matrix;
    }
}
