package org.dl4jinit.propagation;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Networks and synthetic data for the propagation tests. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * 28×28 images of ten classes: a class template on a 7×7 grid, each cell 4×4 pixels (neighbouring pixels are
     * alike, as in real images), plus noise; standardized over all pixels.
     */
    static DataSet images(int examples, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray coarse = Nd4j.randn(DataType.DOUBLE, 10, 1, 7, 7);
        INDArray noise = Nd4j.randn(DataType.DOUBLE, examples, 1, 28, 28);
        double[] f = new double[examples * 784];
        INDArray y = Nd4j.create(DataType.FLOAT, examples, 10);
        for (int a = 0; a < examples; a++) {
            int c = a % 10;
            for (int i = 0; i < 28; i++) {
                for (int j = 0; j < 28; j++) {
                    f[a * 784 + i * 28 + j] = coarse.getDouble(c, 0, i / 4, j / 4) + 0.5 * noise.getDouble(a, 0, i, j);
                }
            }
            y.putScalar(a, c, 1);
        }
        INDArray x = Nd4j.createFromArray(f).reshape(examples, 1, 28, 28);
        x.subi(x.meanNumber()).divi(x.stdNumber());
        return new DataSet(x.castTo(DataType.FLOAT), y);
    }

    /** A LeNet-like CNN: conv 5×5 (16, same) → [BN → ReLU] → max pool → conv 3×3 (32) → max pool → dense tanh → softmax. */
    static MultiLayerConfiguration cnn(boolean batchNorm, long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Nesterovs(0.01, 0.9)).weightInit(new HeInit()).list();
        b.layer(new ConvolutionLayer.Builder(5, 5).nOut(16).convolutionMode(ConvolutionMode.Same)
                .activation(batchNorm ? Activation.IDENTITY : Activation.RELU).build());
        if (batchNorm) {
            b.layer(new BatchNormalization.Builder().build());
            b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        }
        b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
        b.layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build());
        b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
        b.layer(new DenseLayer.Builder().nOut(100).activation(Activation.TANH).weightInit(new XavierInit()).build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                .build());
        b.setInputType(InputType.convolutional(28, 28, 1));
        return b.build();
    }

    /** A residual MLP: stem, then 4 blocks x + W₂·relu(W₁x) (ElementWiseVertex add) followed by ReLU, softmax. */
    static ComputationGraphConfiguration residual(long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Nesterovs(0.01, 0.9)).weightInit(new HeInit()).graphBuilder().addInputs("in");
        g.addLayer("stem", new DenseLayer.Builder().nIn(784).nOut(128).activation(Activation.RELU).build(), "in");
        String prev = "stem";
        for (int i = 0; i < 4; i++) {
            g.addLayer("a" + i, new DenseLayer.Builder().nIn(128).nOut(128).activation(Activation.RELU).build(), prev);
            g.addLayer("b" + i, new DenseLayer.Builder().nIn(128).nOut(128).activation(Activation.IDENTITY).build(),
                    "a" + i);
            g.addVertex("add" + i, new ElementWiseVertex(ElementWiseVertex.Op.Add), prev, "b" + i);
            g.addLayer("r" + i, new ActivationLayer.Builder().activation(Activation.RELU).build(), "add" + i);
            prev = "r" + i;
        }
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(10)
                .activation(Activation.SOFTMAX).build(), prev);
        g.setOutputs("out");
        return g.build();
    }
}
