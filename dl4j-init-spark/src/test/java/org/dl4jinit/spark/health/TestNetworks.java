package org.dl4jinit.spark.health;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and data for Spark training tests: 4 inputs, 3 classes, minibatches of {@value #BATCH}. */
final class TestNetworks {

    static final int BATCH = 8;

    private TestNetworks() {
    }

    static MultiLayerConfiguration mlp(IWeightInit init) {
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).weightInit(init).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    static ComputationGraphConfiguration graph(IWeightInit init) {
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).weightInit(init).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build(),
                        "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build();
    }

    /** @return {@code batches} minibatches of {@value #BATCH} random examples with one-hot labels */
    static List<DataSet> minibatches(int batches, long seed) {
        Nd4j.getRandom().setSeed(seed);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, BATCH, 4);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 3);
            for (int i = 0; i < BATCH; i++) {
                labels.putScalar(i, (b * BATCH + i) % 3, 1.0);
            }
            out.add(new DataSet(features, labels));
        }
        return out;
    }
}
