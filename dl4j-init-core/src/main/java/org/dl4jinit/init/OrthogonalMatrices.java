package org.dl4jinit.init;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Haar-distributed (uniformly random) orthogonal matrices by QR decomposition of a Gaussian matrix with the
 * sign correction of Mezzadri ("How to generate random matrices from the classical compact groups", Notices of
 * the AMS 54(5), 2007): if {@code A = QR} with A's entries i.i.d. N(0, 1), then {@code Q·diag(sign(diag R))}
 * is Haar-distributed. Without the correction, LAPACK's Householder QR makes {@code R[0,0] = -sign(A[0,0])·|a₀|},
 * so {@code Q[0,0]} is always negative and Q is not uniform.
 *
 * <p>The QR goes through ND4J's LAPACK binding ({@code Lapack.geqrf}), which on the CPU backend runs
 * {@code ?geqrf} and then {@code ?orgqr}: it overwrites the column-major input with the thin Q and copies R
 * out. Cost is O(m·n²), about 0.2 s for 1024×1024 in single precision on two cores; an SVD would take
 * tens of times longer.
 */
final class OrthogonalMatrices {

    private OrthogonalMatrices() {
    }

    /**
     * A {@code rows × cols} random matrix times {@code gain} whose columns are orthonormal if
     * {@code rows >= cols} ({@code QᵀQ = gain²·I}) and whose rows are orthonormal otherwise
     * ({@code QQᵀ = gain²·I}), Haar-distributed, drawn from ND4J's global RNG.
     *
     * @param dataType FLOAT or DOUBLE
     * @param rows     the number of rows, &gt;= 1
     * @param cols     the number of columns, &gt;= 1
     * @param gain     the factor applied to the orthogonal matrix
     * @return a new array; for tall matrices column-major, for wide ones a transposed (row-major) view
     */
    static INDArray haar(DataType dataType, long rows, long cols, double gain) {
        boolean tall = rows >= cols;
        long m = tall ? rows : cols;
        long n = tall ? cols : rows;
        if (m > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("orthogonal matrices are limited to " + Integer.MAX_VALUE
                    + " rows and columns (LAPACK's int sizes), was " + rows + " x " + cols);
        }
        // Householder QR needs m >= n: factor the tall orientation, transpose back for wide matrices.
        INDArray q = Nd4j.create(dataType, new long[] {m, n}, 'f');
        Sampling.normal(q, 0.0, 1.0);
        INDArray r = Nd4j.create(dataType, new long[] {n, n}, 'f');
        Nd4j.getBlasWrapper().lapack().geqrf(q, r);
        // sign(0) is taken as +1 so that no column is ever zeroed (R[j,j] = 0 has probability zero anyway).
        INDArray signs = Nd4j.diag(r).gte(0.0).castTo(dataType).muli(2.0).subi(1.0).muli(gain);
        q.muliRowVector(signs);
        return tall ? q : q.transpose();
    }
}
