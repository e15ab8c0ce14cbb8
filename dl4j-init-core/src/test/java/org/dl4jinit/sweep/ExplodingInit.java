package org.dl4jinit.sweep;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A test initializer that throws, to make a candidate crash inside {@code net.init()}. */
final class ExplodingInit implements IWeightInit {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        throw new IllegalStateException("boom: this initializer always fails");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExplodingInit;
    }

    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public String toString() {
        return "ExplodingInit()";
    }
}
