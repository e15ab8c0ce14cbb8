package org.dl4jinit.ui;

import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.storage.HealthRecorder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Small networks and synthetic data for the UI tests (a trimmed copy of the core tests' {@code Nets}). */
final class TestNets {

    static final int INPUTS = 32;
    static final int CLASSES = 4;

    private TestNets() {
    }

    /** {@code depth} dense layers of {@code width} and a softmax output, Nesterov SGD (lr 0.01, momentum 0.9). */
    static MultiLayerNetwork mlp(int depth, int width, Activation activation, IWeightInit init, long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Nesterovs(0.01, 0.9)).weightInit(init).list();
        for (int i = 0; i < depth; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? INPUTS : width).nOut(width).activation(activation).build());
        }
        b.layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(width).nOut(CLASSES).activation(Activation.SOFTMAX)
                .build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    /** A graph whose hidden vertex has the given (hostile) name. */
    static ComputationGraph graph(String hiddenName, IWeightInit init, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Nesterovs(0.01, 0.9)).weightInit(init).graphBuilder().addInputs("in")
                .setInputTypes(InputType.feedForward(INPUTS))
                .addLayer(hiddenName, new DenseLayer.Builder().nOut(16).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), hiddenName)
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** Each class a random template plus noise, standardized per feature. */
    static DataSet data(int examples, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray templates = Nd4j.rand(DataType.FLOAT, CLASSES, INPUTS);
        INDArray features = Nd4j.create(DataType.FLOAT, examples, INPUTS);
        INDArray labels = Nd4j.create(DataType.FLOAT, examples, CLASSES);
        INDArray noise = Nd4j.rand(DataType.FLOAT, examples, INPUTS);
        for (int i = 0; i < examples; i++) {
            int c = i % CLASSES;
            features.getRow(i).assign(templates.getRow(c).mul(0.7).add(noise.getRow(i).mul(0.3)));
            labels.putScalar(i, c, 1.0);
        }
        features.subiRowVector(features.mean(0));
        features.diviRowVector(features.std(0).addi(1e-6));
        return new DataSet(features, labels);
    }

    /** A listener recording into {@code router} under {@code session}, no logging. */
    static GradientHealthListener listener(StatsStorageRouter router, String session) {
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder()
                .subscribe(HealthRecorder.to(router)).onWarning().onFailing().build());
        listener.setSessionID(session);
        return listener;
    }
}
