package org.dl4jinit.sweep;

import java.util.List;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The must-show sweep: a small synthetic classification problem and the initializer × activation × depth grid. */
final class SweepFixtures {

    static final int INPUTS = 32;
    static final int CLASSES = 4;
    static final int WIDTH = 32;
    static final int BATCH = 32;

    private SweepFixtures() {
    }

    /** Standardized features: a random template per class plus noise; train and test share the templates. */
    static DataSet data(int examples, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray templates = Nd4j.randn(DataType.FLOAT, CLASSES, INPUTS);
        INDArray features = Nd4j.randn(DataType.FLOAT, examples, INPUTS).muli(1.0);
        INDArray labels = Nd4j.create(DataType.FLOAT, examples, CLASSES);
        for (int i = 0; i < examples; i++) {
            int c = i % CLASSES;
            features.getRow(i).addi(templates.getRow(c));
            labels.putScalar(i, c, 1.0);
        }
        features.subiRowVector(features.mean(0));
        features.diviRowVector(features.std(0).addi(1e-6));
        return new DataSet(features, labels);
    }

    static SweepData sweepData() {
        List<DataSet> all = data(768, 1).asList();
        List<DataSet> trainBatches = List.copyOf(all.subList(0, 512));
        List<DataSet> testBatches = List.copyOf(all.subList(512, 768));
        return SweepData.of(() -> new ListDataSetIterator<>(trainBatches, BATCH),
                () -> new ListDataSetIterator<>(testBatches, 256));
    }

    /** {zero, N(0,1)·0.001, Xavier, He, orthogonal, LSUV} × {ReLU, tanh} × depth {3, 12}: 24 candidates. */
    static MultiLayerSpace mustShowSpace() {
        return new InitMultiLayerSpace.Builder()
                .initializer(InitializerSpace.of(new ZeroInit(), new SmallRandomInit(), new XavierInit(),
                        new HeInit(), new OrthogonalInit(), new LsuvInit()))
                .seed(7L).updater(new Adam(0.003))
                .addLayer(new DenseLayerSpace.Builder().nOut(WIDTH)
                        .activation(new DiscreteParameterSpace<>(Activation.RELU, Activation.TANH)).build(),
                        new DiscreteParameterSpace<>(2, 11))
                .addLayer(new OutputLayerSpace.Builder().nOut(CLASSES).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(INPUTS))
                .numEpochs(2)
                .build();
    }
}
