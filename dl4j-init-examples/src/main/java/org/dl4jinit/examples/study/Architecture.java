package org.dl4jinit.examples.study;

import java.util.Locale;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A fully connected network of the study: {@code depth} hidden layers of {@code width} units with one activation,
 * then a softmax output layer for the 10 Fashion-MNIST classes, trained with plain SGD + Nesterov momentum (as the
 * papers did: Adam rescales updates per parameter and hides most initialization effects).
 *
 * @param activation the hidden layers' activation
 * @param depth      the number of hidden layers, &gt;= 1
 * @param width      units per hidden layer, &gt;= 1
 */
public record Architecture(Activation activation, int depth, int width) {

    /** Input features: a 28×28 image, flattened. */
    public static final int INPUTS = 784;
    /** Output classes. */
    public static final int CLASSES = 10;

    /** Validates the arguments. */
    public Architecture {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1 hidden layers, was " + depth);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1 units, was " + width);
        }
    }

    /** @return e.g. {@code relu-30x256} */
    public String id() {
        return activation.name().toLowerCase(Locale.ROOT) + "-" + depth + "x" + width;
    }

    /** @return e.g. {@code 30×256 ReLU MLP} */
    public String title() {
        return depth + "×" + width + " " + activationLabel() + " MLP";
    }

    /** @return the activation as the papers write it */
    public String activationLabel() {
        switch (activation) {
            case RELU:
                return "ReLU";
            case TANH:
                return "tanh";
            case SIGMOID:
                return "sigmoid";
            default:
                return activation.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Builds and initializes the network.
     *
     * @param init         every layer's initializer (hidden and output)
     * @param seed         the network seed (weights are reproducible)
     * @param learningRate SGD learning rate
     * @param momentum     Nesterov momentum
     * @return the initialized network
     */
    public MultiLayerNetwork build(IWeightInit init, long seed, double learningRate, double momentum) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Nesterovs(learningRate, momentum))
                .weightInit(init)
                .list();
        for (int i = 0; i < depth; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? INPUTS : width).nOut(width).activation(activation).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(CLASSES)
                .activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }
}
