package org.dl4jinit.lsuv;

import org.dl4jinit.health.Nets;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Networks and synthetic Fashion-MNIST-shaped data for the LSUV tests. */
final class LsuvNets {

    static final int INPUTS = Nets.INPUTS;
    static final int CLASSES = Nets.CLASSES;

    private LsuvNets() {
    }

    static MultiLayerNetwork mlp(int depth, int width, Activation activation, IWeightInit init, long seed) {
        return Nets.mlp(depth, width, activation, init, Nets.sgd(), seed);
    }

    /** conv 5×5×8 → max-pool 2×2 → conv 3×3×16 → max-pool 2×2 → dense 64 → softmax, on flat 28×28×1 input. */
    static MultiLayerNetwork cnn(IWeightInit init, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Nesterovs(0.01, 0.9)).weightInit(init).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Synthetic Fashion-MNIST-shaped data (see {@link Nets#data}); split it for a held-out batch. */
    static DataSet data(int examples, long seed) {
        return Nets.data(examples, seed);
    }

    /**
     * The variance of every weighted layer's pre-activation output on {@code features}, measured independently
     * of LSUV by DL4J's own full forward pass ({@code feedForwardToLayer}) with that layer's activation set to
     * the identity. Layers without weights give NaN.
     */
    static List<Double> preActivationVariances(MultiLayerNetwork net, INDArray features) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            if (!(layer.conf().getLayer() instanceof BaseLayer) || !layer.paramTable().containsKey("W")) {
                out.add(Double.NaN);
                continue;
            }
            BaseLayer conf = (BaseLayer) layer.conf().getLayer();
            IActivation act = conf.getActivationFn();
            conf.setActivationFn(new ActivationIdentity());
            try {
                List<INDArray> acts = net.feedForwardToLayer(i, features, false);
                out.add(acts.get(acts.size() - 1).var(false).getDouble(0));
            } finally {
                conf.setActivationFn(act);
            }
        }
        return out;
    }

    static boolean allFinite(MultiLayerNetwork net) {
        return !BooleanIndexing.or(net.params(), Conditions.isNan())
                && !BooleanIndexing.or(net.params(), Conditions.isInfinite());
    }
}
