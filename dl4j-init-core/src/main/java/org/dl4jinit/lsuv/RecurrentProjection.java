package org.dl4jinit.lsuv;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input projection of a recurrent layer, {@code z = x·W} over every example and time step: what LSUV
 * rescales the input weights W by for LSTM, GravesLSTM and SimpleRnn. A recurrent layer's output is not linear
 * in W (gates, the recurrent term h·RW), but its input projection is, and it is the pre-activation the input
 * weights contribute, as B_L is for a dense layer (Mishkin &amp; Matas 2016 apply LSUV to the input weights of
 * recurrent layers the same way). Recurrent weights RW keep their initialization. One iteration reaches
 * variance 1 exactly, since var(x·aW) = a²·var(x·W).
 */
final class RecurrentProjection {

    private final INDArray rows;

    private RecurrentProjection(INDArray rows) {
        this.rows = rows;
    }

    /**
     * @param conf  the recurrent layer
     * @param input its input, [batch, nIn, time] (NCW) or [batch, time, nIn] (NWC)
     * @return the projection, or null if the input does not have the layer's shape
     */
    static RecurrentProjection of(BaseRecurrentLayer conf, INDArray input) {
        long nIn = conf.getNIn();
        if (input.rank() != 3) {
            return null;
        }
        boolean nwc = conf.getRnnDataFormat() == RNNFormat.NWC;
        long channels = input.size(nwc ? 2 : 1);
        if (channels != nIn) {
            return null;
        }
        INDArray timeMajor = nwc ? input : input.permute(0, 2, 1);
        INDArray rows = timeMajor.dup('c').reshape('c', input.size(0) * input.size(nwc ? 1 : 2), nIn);
        return new RecurrentProjection(rows);
    }

    /** @return x·W, [batch·time, W's columns] */
    INDArray apply(INDArray w) {
        return rows.mmul(w);
    }
}
