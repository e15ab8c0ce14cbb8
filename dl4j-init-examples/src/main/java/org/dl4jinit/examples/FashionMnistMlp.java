package org.dl4jinit.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dl4jinit.examples.data.FashionMnist;
import org.dl4jinit.examples.data.FashionMnistData;
import org.dl4jinit.examples.data.FashionMnistDataException;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.dl4jinit.examples.data.FashionMnistIterator;
import org.dl4jinit.init.HeInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a 784-256-128-10 ReLU MLP on Fashion-MNIST for one epoch (batch 128, seed 42), every layer initialized
 * with {@code new HeInit()} (He-normal, variance 2/fanIn), with Adam (learning rate 1e-3) and
 * softmax/cross-entropy, then prints the test accuracy and the wall time. No options: the distribution's
 * {@code bin/fashion-mnist-mlp} runs it.
 *
 * The data is read as described in {@link FashionMnistDirectory} ({@code $FASHION_MNIST_DIR}, else the Debian
 * package's folder). Exit codes: 0 done; 2 cannot run (the data is missing or corrupt), with one line on stderr
 * and no stack trace.
 */
public final class FashionMnistMlp {

    /** Exit code for missing or corrupt data. */
    public static final int EXIT_CANNOT_RUN = 2;

    private static final Logger log = LoggerFactory.getLogger(FashionMnistMlp.class);
    private static final double LEARNING_RATE = 1e-3;
    private static final int LOG_EVERY = 100;
    private static final int EPOCHS = 1;
    private static final int BATCH = 128;
    private static final long SEED = 42;

    private FashionMnistMlp() {
    }

    /**
     * The network: dense 256 and 128 ReLU, softmax output with multi-class cross-entropy, He-normal weights set
     * once at builder level, Adam.
     *
     * @param nIn     input columns (784 for Fashion-MNIST)
     * @param nOut    classes (10)
     * @param seed    seeds the weights
     * @return the configuration
     */
    public static MultiLayerConfiguration configuration(int nIn, int nOut, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .weightInit(new HeInit())
                .updater(new Adam(LEARNING_RATE))
                .list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(128).nOut(nOut).activation(Activation.SOFTMAX).build())
                .build();
    }

    /**
     * Builds the network, trains it for {@code epochs} passes over {@code train} and evaluates it on
     * {@code test}. Progress goes to the SLF4J logger.
     *
     * @param train  training batches; reset between epochs
     * @param test   test batches
     * @param epochs passes over {@code train}, &gt; 0
     * @param seed   seeds the weights
     * @return the evaluation on {@code test}
     */
    public static Evaluation trainAndEvaluate(DataSetIterator train, DataSetIterator test, int epochs, long seed) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be > 0, was " + epochs);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(
                configuration(train.inputColumns(), train.totalOutcomes(), seed));
        net.init();
        net.setListeners(new ProgressLogger());
        for (int epoch = 0; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            net.fit(train);
            log.info("epoch {}/{} done in {} s, last minibatch loss {}", epoch + 1, epochs,
                    seconds(System.nanoTime() - start), String.format(Locale.ROOT, "%.4f", net.score()));
        }
        return net.evaluate(test, train.getLabels());
    }

    /**
     * Runs the example.
     *
     * @param out         receives the results
     * @param err         receives one line when the example cannot run
     * @param directories finds the data
     * @return the exit code: 0, or {@link #EXIT_CANNOT_RUN}
     */
    static int run(PrintStream out, PrintStream err, FashionMnistDirectory directories) {
        long start = System.nanoTime();
        FashionMnistData train;
        FashionMnistData test;
        try {
            FashionMnistDirectory.Resolved dir = directories.resolve(Optional.empty());
            log.info("Reading Fashion-MNIST from {} ({})", dir.directory(), dir.source().description());
            train = FashionMnistData.load(dir.directory(), FashionMnist.Split.TRAIN);
            test = FashionMnistData.load(dir.directory(), FashionMnist.Split.TEST);
            if (train.pixelsPerImage() != test.pixelsPerImage()) {
                throw new FashionMnistDataException("test images are " + test.rows() + "x" + test.columns()
                        + " but training images are " + train.rows() + "x" + train.columns());
            }
        } catch (FashionMnistDataException e) {
            err.println("FashionMnistMlp: " + e.getMessage());
            return EXIT_CANNOT_RUN;
        }
        log.info("Loaded {} training and {} test images in {} s", train.size(), test.size(),
                seconds(System.nanoTime() - start));
        log.info("Training {}-256-128-10 MLP, HeInit, Adam({}), epochs={}, batch={}, seed={}",
                train.pixelsPerImage(), LEARNING_RATE, EPOCHS, BATCH, SEED);

        DataSetIterator trainIterator = FashionMnistIterator.builder(train).batchSize(BATCH).shuffle(SEED).build();
        DataSetIterator testIterator = FashionMnistIterator.builder(test).batchSize(BATCH).build();
        Evaluation evaluation = trainAndEvaluate(trainIterator, testIterator, EPOCHS, SEED);

        log.info("{}", evaluation.stats());
        out.println(String.format(Locale.ROOT, "Test accuracy: %.4f", evaluation.accuracy()));
        out.println("Wall time: " + seconds(System.nanoTime() - start) + " s");
        return 0;
    }

    /**
     * Entry point; see the class documentation for the exit codes.
     *
     * @param args ignored: the example has no options
     */
    public static void main(String[] args) {
        int code = run(System.out, System.err, FashionMnistDirectory.fromSystemEnvironment());
        if (code != 0) {
            System.exit(code);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** Logs the minibatch loss every {@value #LOG_EVERY} iterations. */
    private static final class ProgressLogger extends BaseTrainingListener {
        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            if (iteration % LOG_EVERY == 0) {
                log.info("iteration {}: minibatch loss {}", iteration,
                        String.format(Locale.ROOT, "%.4f", model.score()));
            }
        }
    }
}
