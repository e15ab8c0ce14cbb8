package org.dl4jinit.sweep;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A test initializer that throws an OutOfMemoryError, to check that sweeps do not record it as a crash. */
final class OutOfMemoryInit implements IWeightInit {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        throw new OutOfMemoryError("test: no memory for this candidate");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutOfMemoryInit;
    }

    @Override
    public int hashCode() {
        return 2;
    }

    @Override
    public String toString() {
        return "OutOfMemoryInit()";
    }
}
