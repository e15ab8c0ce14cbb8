package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.init.ConstantInit;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Identical units that provably stay identical are FAILING from the first iteration; identical units that the
 * next layer's differing weights or the labels will separate are not flagged at all. Each claim is checked
 * against the weights after training: the units' weight columns stay equal, or they do not.
 */
class SymmetryTest {

    private static final DataSet BATCH = Nets.data(32, 6);

    private static MultiLayerNetwork net(IWeightInit first, IWeightInit rest, IWeightInit output) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(6)
                .updater(Nets.sgd()).list()
                .layer(new DenseLayer.Builder().nIn(Nets.INPUTS).nOut(16).activation(Activation.TANH)
                        .weightInit(first).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(16).activation(Activation.TANH).weightInit(rest).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(Nets.CLASSES)
                        .activation(Activation.SOFTMAX).weightInit(output).build())
                .build());
        net.init();
        return net;
    }

    /** Whether every unit (column) of a dense layer's W equals the first. */
    private static boolean unitsIdentical(MultiLayerNetwork net, int layer) {
        INDArray w = net.getLayer(layer).getParam("W");
        INDArray first = w.getColumn(0).dup();
        for (int j = 1; j < w.columns(); j++) {
            if (!w.getColumn(j).equalsWithEps(first, 1e-6)) {
                return false;
            }
        }
        return true;
    }

    private static GradientHealthListener listen(MultiLayerNetwork net) {
        GradientHealthListener l = new GradientHealthListener(HealthConfig.builder().onWarning().onFailing()
                .historySize(10).build());
        net.setListeners(l);
        return l;
    }

    @Test
    void constantInitIsFailingFromTheFirstIterationAndStaysSo() {
        ConstantInit c = new ConstantInit(0.02);
        MultiLayerNetwork net = net(c, c, c);
        GradientHealthListener listener = listen(net);

        for (int i = 0; i < 10; i++) {
            net.fit(BATCH);
            HealthReport r = listener.lastReport();
            assertThat(r.verdict()).as("iteration %d", i).isEqualTo(Verdict.FAILING);
            Violation h = r.headline().orElseThrow();
            assertThat(h.condition()).isEqualTo(HealthCondition.SYMMETRY);
            assertThat(h.layerIndex()).isZero();
            assertThat(h.diagnosis().cause()).isEqualTo(Diagnosis.Cause.SYMMETRIC_WEIGHTS);
            assertThat(h.diagnosis().explanation()).contains("was initialized to 0.02000")
                    .contains("the symmetry never breaks");
            assertThat(h.diagnosis().remedy()).contains("random initializer");
            assertThat(r.layer("0").get(Figure.SYMMETRIC_UNITS)).isEqualTo(1);
        }
        // the claim holds: after 10 updates the units of both hidden layers are still identical
        assertThat(unitsIdentical(net, 0)).isTrue();
        assertThat(unitsIdentical(net, 1)).isTrue();
    }

    @Test
    void aConstantLayerReadByRandomWeightsIsNotFlaggedAndItsSymmetryBreaks() {
        MultiLayerNetwork net = net(new ConstantInit(0.02), XavierInit.uniform(), XavierInit.uniform());
        GradientHealthListener listener = listen(net);

        net.fit(BATCH);

        assertThat(listener.lastReport().violations()).noneMatch(v -> v.condition() == HealthCondition.SYMMETRY);
        assertThat(listener.lastReport().layer("0").get(Figure.SYMMETRIC_UNITS)).isZero();
        assertThat(unitsIdentical(net, 0)).as("the next layer's random weights separate the units").isFalse();
    }

    @Test
    void aZeroInitializedOutputLayerIsNotFlaggedTheLabelsSeparateItsUnits() {
        MultiLayerNetwork net = net(new HeInit(), new HeInit(), new ZeroInit());
        GradientHealthListener listener = listen(net);

        net.fit(BATCH);

        assertThat(listener.lastReport().violations()).noneMatch(v -> v.condition() == HealthCondition.SYMMETRY);
        assertThat(listener.lastReport().layer("2").get(Figure.SYMMETRIC_UNITS)).isZero();
        assertThat(unitsIdentical(net, 2)).isFalse();
    }
}
