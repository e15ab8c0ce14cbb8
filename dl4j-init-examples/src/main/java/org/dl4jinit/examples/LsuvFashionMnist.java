package org.dl4jinit.examples;

import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.examples.data.FashionMnist;
import org.dl4jinit.examples.data.FashionMnistData;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.dl4jinit.examples.data.FashionMnistIterator;
import org.dl4jinit.examples.data.PixelScaling;
import org.dl4jinit.examples.study.Architecture;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.lsuv.Lsuv;
import org.dl4jinit.lsuv.LsuvReport;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A 20-layer tanh MLP (width 256) on Fashion-MNIST, 200 iterations of SGD + Nesterov (0.01, 0.9), batch 128,
 * from N(0,1)·0.001 ({@link SmallRandomInit}) with and without LSUV. Prints the training loss at iterations
 * 0/50/100/200 and the test accuracy. Data from {@code $FASHION_MNIST_DIR} or
 * {@code /usr/share/datasets/fashion-mnist}, standardized with the training set's mean and std. No options: the
 * distribution's {@code bin/lsuv-fashion-mnist} runs it.
 */
public final class LsuvFashionMnist {

    private static final int ITERATIONS = 200;

    private LsuvFashionMnist() {
    }

    /** The 20-layer tanh MLP of width 256 (the study's architecture), SGD + Nesterov 0.01/0.9, seed 42. */
    static MultiLayerNetwork net(IWeightInit init) {
        return new Architecture(Activation.TANH, 20, 256).build(init, 42, 0.01, 0.9);
    }

    /**
     * @param args ignored: the demo has no options
     * @throws Exception if the data cannot be found or read
     */
    public static void main(String[] args) throws Exception {
        FashionMnistDirectory.Resolved dir = FashionMnistDirectory.fromSystemEnvironment()
                .resolve(java.util.Optional.empty());
        FashionMnistData train = FashionMnistData.load(dir.directory(), FashionMnist.Split.TRAIN);
        FashionMnistData test = FashionMnistData.load(dir.directory(), FashionMnist.Split.TEST);
        PixelScaling scaling = PixelScaling.standardize(train);
        for (boolean useLsuv : new boolean[] {false, true}) {
            DataSetIterator it = FashionMnistIterator.builder(train).batchSize(128).scaling(scaling).shuffle(7).build();
            MultiLayerNetwork net = net(new SmallRandomInit());
            if (useLsuv) {
                LsuvReport report = Lsuv.defaults().apply(net, it);
                System.out.print(report.toTable());
                it.reset();
            }
            StringBuilder losses = new StringBuilder();
            for (int i = 0; i <= ITERATIONS; i++) {
                if (!it.hasNext()) {
                    it.reset();
                }
                DataSet batch = it.next();
                if (i == 0 || i == 50 || i == 100 || i == ITERATIONS) {
                    losses.append(String.format(Locale.ROOT, " it%d=%.4f", i, net.score(batch)));
                }
                if (i < ITERATIONS) {
                    net.fit(batch);
                }
            }
            Evaluation eval = net.evaluate(FashionMnistIterator.builder(test).batchSize(500).scaling(scaling).build());
            System.out.printf(Locale.ROOT, "%s: training loss%s; test accuracy %.4f%n",
                    useLsuv ? "SmallRandomInit + LSUV" : "SmallRandomInit       ", losses, eval.accuracy());
        }
    }
}
