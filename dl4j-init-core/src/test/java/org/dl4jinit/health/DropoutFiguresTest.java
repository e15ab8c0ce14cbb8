package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.XavierInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A layer's figures must describe that layer's output, not its successor's dropped-out input.
 *
 * <p>DL4J 1.0.0-M2.1's {@code MultiLayerNetwork.init()} calls
 * {@code allowInputModification(true)} on every layer but the first, so a layer with dropout applies it in
 * place ({@code AbstractLayer.applyDropOutIfNecessary}, {@code DropoutLayer.activate}: {@code result = input})
 * to the previous layer's output — the very array the forward-pass list handed to {@code onForwardPass}
 * holds. The listener reduces the list after the whole forward pass, so it measures layer i after layer
 * i+1's dropout: about {@code 1 − p} of the values are zero and the rest are scaled by {@code 1/p}, which
 * inflates the zero fraction and, for bounded activations, the saturated fraction. The listener therefore turns
 * in-place modification off for layers with dropout when it first sees the model; the activations of that first
 * forward pass, already modified, are not judged.
 */
class DropoutFiguresTest {

    @Test
    void tanhLayerFollowedByDropoutIsMeasuredBeforeTheDropout() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(31)
                .updater(Nets.sgd()).weightInit(XavierInit.uniform()).list()
                .layer(new DenseLayer.Builder().nIn(Nets.INPUTS).nOut(64).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(64).nOut(64).activation(Activation.TANH).dropOut(0.5).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(64).nOut(Nets.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        DataSet batch = Nets.data(128, 31);
        // layer 0 has no dropout of its own: its training output equals its inference output
        INDArray layer0 = net.feedForward(batch.getFeatures(), false).get(1);
        double zeros = layer0.eq(0.0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().doubleValue();
        double std = layer0.stdNumber().doubleValue();
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing().build());
        net.setListeners(listener);

        net.fit(batch);
        LayerHealth first = listener.lastReport().layer("0");
        assertThat(first.get(Figure.ZERO_FRACTION)).as("not judged: modified before the listener saw it").isNaN();
        assertThat(first.violations()).isEmpty();

        INDArray before = net.feedForward(batch.getFeatures(), false).get(1);
        zeros = before.eq(0.0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().doubleValue();
        std = before.stdNumber().doubleValue();
        net.fit(batch);

        LayerHealth l = listener.lastReport().layer("0");
        System.out.println(listener.lastReport().toTable());
        assertThat(zeros).isEqualTo(0.0);
        assertThat(l.get(Figure.ZERO_FRACTION)).as("zero fraction of a tanh layer (none of its outputs is 0)")
                .isEqualTo(0.0);
        assertThat(l.get(Figure.ACTIVATION_STD)).isCloseTo(std, within(1e-2 * std));
        assertThat(l.violations()).isEmpty();
    }
}
