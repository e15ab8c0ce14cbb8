package org.dl4jinit.health;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Networks and synthetic Fashion-MNIST-shaped data for the health and LSUV tests. */
public final class Nets {

    public static final int INPUTS = 784;
    public static final int CLASSES = 10;

    private Nets() {
    }

    /** A deep MLP: {@code depth} hidden layers of {@code width}, softmax output. */
    public static MultiLayerNetwork mlp(int depth, int width, Activation activation, IWeightInit init, IUpdater updater,
            long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed).updater(updater)
                .weightInit(init).list();
        for (int i = 0; i < depth; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? INPUTS : width).nOut(width).activation(activation).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(CLASSES)
                .activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    public static IUpdater sgd() {
        return new Nesterovs(0.01, 0.9);
    }

    /**
     * Synthetic Fashion-MNIST-shaped data: 784 pixels, ten classes, each class a different random template plus
     * noise (so that a network can learn it), standardized per pixel as the initializer papers assume.
     */
    public static DataSet data(int examples, long seed) {
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

    /**
     * Small synthetic classification data: {@code inputs} standardized features, {@code classes} classes, each
     * class a random template plus noise.
     */
    static DataSet small(int examples, int inputs, int classes, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray templates = Nd4j.randn(DataType.FLOAT, classes, inputs);
        INDArray features = Nd4j.randn(DataType.FLOAT, examples, inputs).muli(0.5);
        INDArray labels = Nd4j.create(DataType.FLOAT, examples, classes);
        for (int i = 0; i < examples; i++) {
            int c = i % classes;
            features.getRow(i).addi(templates.getRow(c));
            labels.putScalar(i, c, 1.0);
        }
        return new DataSet(features, labels);
    }

    /**
     * Sequences {@code [examples, features, time]} (DL4J's NCW) with one-hot labels, either per time step
     * ({@code [examples, classes, time]}, for RnnOutputLayer) or for the whole sequence ({@code [examples,
     * classes]}).
     */
    static DataSet sequences(int examples, int features, int time, int classes, boolean labelPerStep, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray templates = Nd4j.randn(DataType.FLOAT, classes, features);
        INDArray x = Nd4j.randn(DataType.FLOAT, new long[] {examples, features, time}).muli(0.5);
        INDArray y = labelPerStep ? Nd4j.create(DataType.FLOAT, examples, classes, time)
                : Nd4j.create(DataType.FLOAT, examples, classes);
        for (int i = 0; i < examples; i++) {
            int c = i % classes;
            for (int t = 0; t < time; t++) {
                for (int f = 0; f < features; f++) {
                    x.putScalar(new long[] {i, f, t}, x.getDouble(i, f, t) + templates.getDouble(c, f));
                }
                if (labelPerStep) {
                    y.putScalar(new long[] {i, c, t}, 1.0);
                }
            }
            if (!labelPerStep) {
                y.putScalar(i, c, 1.0);
            }
        }
        return new DataSet(x, y);
    }

    /** Token indices {@code [examples, 1]} in {@code [0, vocabulary)}; the class is the index modulo classes. */
    static DataSet indices(int examples, int vocabulary, int classes, long seed) {
        java.util.Random random = new java.util.Random(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, examples, 1);
        INDArray y = Nd4j.create(DataType.FLOAT, examples, classes);
        for (int i = 0; i < examples; i++) {
            int token = random.nextInt(vocabulary);
            x.putScalar(i, 0, token);
            y.putScalar(i, token % classes, 1.0);
        }
        return new DataSet(x, y);
    }
}
