package org.dl4jinit.sweep;

import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A test score function: NaN for a network whose first layer's weights are all zero, else 1.0. */
final class NanForZeroWeights extends TestScore {

    private static final long serialVersionUID = 1L;

    @Override
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        return net.getLayer(0).getParam("W").amaxNumber().doubleValue() == 0 ? Double.NaN : 1.0;
    }
}
