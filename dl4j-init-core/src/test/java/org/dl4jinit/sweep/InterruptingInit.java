package org.dl4jinit.sweep;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A test initializer that fails the way an interrupted candidate does: with an InterruptedException as cause. */
final class InterruptingInit implements IWeightInit {

    private static final long serialVersionUID = 1L;

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        throw new IllegalStateException("wrapped", new InterruptedException("sweep stopped"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterruptingInit;
    }

    @Override
    public int hashCode() {
        return 3;
    }

    @Override
    public String toString() {
        return "InterruptingInit()";
    }
}
