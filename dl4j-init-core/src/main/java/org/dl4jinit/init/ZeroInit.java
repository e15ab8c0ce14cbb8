package org.dl4jinit.init;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * All weights zero: {@code W = 0}.
 *
 * <p>Included as the textbook counter-example: every unit of a layer computes the same function and receives
 * the same gradient, so symmetry is never broken, and with odd activations (tanh) every hidden activation
 * is exactly zero, failing the second necessary condition of a good initialization ("activations are not
 * zero"). Ignores the fans.
 */
public final class ZeroInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        paramView.assign(0.0);
        return paramView.reshape(order, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZeroInit;
    }

    @Override
    public int hashCode() {
        return ZeroInit.class.hashCode();
    }

    @Override
    public String toString() {
        return "ZeroInit()";
    }
}
