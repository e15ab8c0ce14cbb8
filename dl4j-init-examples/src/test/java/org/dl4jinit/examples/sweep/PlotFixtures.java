package org.dl4jinit.examples.sweep;

import java.util.List;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.dl4jinit.sweep.InitDenseLayerSpace;
import org.dl4jinit.sweep.InitMultiLayerSpace;
import org.dl4jinit.sweep.InitOutputLayerSpace;
import org.dl4jinit.sweep.SweepData;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A tiny sweep for the plot tests: 8 features, 2 classes (the sign of the first), {zero, Xavier, He}. */
final class PlotFixtures {

    private PlotFixtures() {
    }

    /** @return 192 training examples in batches of 16 and 64 test examples */
    static SweepData data() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, 256, 8);
        INDArray y = Nd4j.create(DataType.FLOAT, 256, 2);
        for (int i = 0; i < 256; i++) {
            y.putScalar(i, x.getDouble(i, 0) > 0 ? 0 : 1, 1.0);
        }
        List<DataSet> all = new DataSet(x, y).asList();
        List<DataSet> train = List.copyOf(all.subList(0, 192));
        List<DataSet> test = List.copyOf(all.subList(192, 256));
        return SweepData.of(() -> new ListDataSetIterator<>(train, 16), () -> new ListDataSetIterator<>(test, 64));
    }

    /**
     * @param activations the hidden layer's activations to search (one: fixed)
     * @return {zero, Xavier, He} × activations, one hidden layer of 8, Adam
     */
    static MultiLayerSpace space(Activation... activations) {
        InitDenseLayerSpace.Builder hidden = new InitDenseLayerSpace.Builder().nOut(8);
        if (activations.length == 1) {
            hidden.activation(activations[0]);
        } else {
            hidden.activation(new DiscreteParameterSpace<>(activations));
        }
        return new InitMultiLayerSpace.Builder()
                .initializer(new ZeroInit(), new XavierInit(), new HeInit()).seed(1L).updater(new Adam(0.01))
                .addLayer(hidden.build())
                .addLayer(new InitOutputLayerSpace.Builder().nOut(2).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(8)).build();
    }
}
