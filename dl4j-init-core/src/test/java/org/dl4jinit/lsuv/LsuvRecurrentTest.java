package org.dl4jinit.lsuv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.SmallRandomInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Recurrent layers: LSUV rescales their input weights to a unit-variance input projection x·W. */
class LsuvRecurrentTest {

    private static MultiLayerNetwork rnn() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11)
                .weightInit(new SmallRandomInit()).list()
                .layer(new LSTM.Builder().nOut(16).activation(Activation.TANH).build())
                .layer(new SimpleRnn.Builder().nOut(12).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(8, 10))
                .build());
        net.init();
        return net;
    }

    private static DataSet sequences(int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, 8, 10);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 4, 10);
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < 10; t++) {
                y.putScalar(new int[] {i, (i + t) % 4, t}, 1.0);
            }
        }
        return new DataSet(x, y);
    }

    /** Variance of x·W for layer i's input x ([batch, nIn, time]) on the given features. */
    private static double projectionVariance(MultiLayerNetwork net, int layer, INDArray features) {
        List<INDArray> acts = net.feedForward(features, false);
        INDArray x = acts.get(layer);
        INDArray rows = x.permute(0, 2, 1).dup('c').reshape('c', x.size(0) * x.size(2), x.size(1));
        return rows.mmul(net.getLayer(layer).getParam("W")).var(false).getDouble(0);
    }

    @Test
    void lstmAndSimpleRnnInputProjectionsHaveUnitVarianceOnAHeldOutBatch() {
        MultiLayerNetwork net = rnn();
        INDArray recurrentBefore = net.getLayer(0).getParam("RW").dup();

        LsuvReport report = Lsuv.defaults().apply(net, sequences(64, 1));
        System.out.println(report.toTable());

        assertThat(report.layer("0").status()).isEqualTo(LayerResult.Status.CONVERGED);
        assertThat(report.layer("1").status()).isEqualTo(LayerResult.Status.CONVERGED);
        assertThat(report.layer("0").finalVariance()).isCloseTo(1.0, within(Lsuv.DEFAULT_TOLERANCE));
        INDArray heldOut = sequences(64, 2).getFeatures();
        assertThat(projectionVariance(net, 0, heldOut)).isCloseTo(1.0, within(Lsuv.DEFAULT_TOLERANCE));
        assertThat(projectionVariance(net, 1, heldOut)).isCloseTo(1.0, within(Lsuv.DEFAULT_TOLERANCE));
        // recurrent weights keep their initialization
        assertThat(net.getLayer(0).getParam("RW")).isEqualTo(recurrentBefore);
        assertThat(LsuvNets.allFinite(net)).isTrue();
    }
}
