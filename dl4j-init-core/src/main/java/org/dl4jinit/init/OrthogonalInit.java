package org.dl4jinit.init;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Random orthogonal weights (Saxe, McClelland &amp; Ganguli, "Exact solutions to the nonlinear dynamics of
 * learning in deep linear neural networks", ICLR 2014). The weight is seen as a matrix with
 * {@code rows = shape[0]} and {@code cols = shape[1]·…·shape[r-1]} and filled with a Haar-distributed (uniformly
 * random) orthogonal matrix times {@code gain}:
 *
 * <pre>  WᵀW = gain²·I   if rows &gt;= cols (orthonormal columns)
 *  WWᵀ = gain²·I   if rows &lt;  cols (orthonormal rows)</pre>
 *
 * so every element has mean 0 and variance {@code gain² / max(rows, cols)}. The matrix is the Q factor of a QR
 * decomposition of a Gaussian matrix with Mezzadri's sign correction {@code Q·diag(sign(diag R))}, as in
 * PyTorch's {@code orthogonal_} and Keras' {@code Orthogonal}. Choose {@code gain} for the activation (1 for
 * linear and tanh, sqrt(2) for ReLU).
 *
 * <p>For DL4J's shapes: a Dense/Output weight [nIn, nOut] gets orthonormal columns when nIn &gt;= nOut; a
 * Convolution2D kernel [nOut, nIn, kH, kW] is flattened to [nOut, nIn·kH·kW] (rows are output channels);
 * an LSTM weight [nIn, 4·nOut] is treated as one matrix (not four per-gate blocks).
 *
 * <p>Ignores DL4J's fans and works from the shape. Shapes of rank 1 are rejected. The QR costs
 * O(rows·cols·min(rows, cols)) and is done in single precision unless the parameters are double.
 */
public final class OrthogonalInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final double gain;

    /** Gain 1: an exactly orthogonal (isometric) weight, for linear and tanh layers. */
    public OrthogonalInit() {
        this(1.0);
    }

    /**
     * @param gain the factor applied to the orthogonal matrix, finite and &gt; 0
     * @throws IllegalArgumentException if the gain is not finite and positive
     */
    public OrthogonalInit(double gain) {
        this.gain = Checks.positive("gain", gain);
    }

    @JsonCreator
    private static OrthogonalInit fromJson(@JsonProperty("gain") Double gain) {
        return new OrthogonalInit(JsonArgs.number("gain", gain));
    }

    /**
     * @throws IllegalArgumentException if the shape has rank 1 or a dimension below 1, or the gain (the largest
     *                                  possible entry) is not representable in the network's data type
     */
    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        Checks.shape(shape, 2, Integer.MAX_VALUE, "of rank >= 2 for an orthogonal weight "
                + "(rows = shape[0], columns = the product of the rest)");
        Checks.representable(this, paramView, "gain", gain, "gain", gain);
        INDArray matrix = OrthogonalMatrices.haar(WeightShapes.computeType(paramView), WeightShapes.rows(shape),
                WeightShapes.columns(shape), gain);
        // Laid out so that paramView.reshape(order, rows, cols), and so the returned array, presents the matrix.
        paramView.assign(matrix.reshape(order, paramView.shape()));
        return paramView.reshape(order, shape);
    }

    /** @return the factor applied to the orthogonal matrix */
    public double getGain() {
        return gain;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof OrthogonalInit && Double.compare(gain, ((OrthogonalInit) o).gain) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(OrthogonalInit.class, gain);
    }

    @Override
    public String toString() {
        return "OrthogonalInit(gain=" + gain + ")";
    }
}
