package org.dl4jinit.examples;

import java.io.PrintStream;
import java.nio.file.Path;
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
 * Trains a 784-256-128-10 ReLU MLP on Fashion-MNIST, every layer initialized with {@code new HeInit()}
 * (He-normal, variance 2/fanIn), with Adam (learning rate 1e-3) and softmax/cross-entropy, then prints the test
 * accuracy and the wall time.
 *
 * <pre>  FashionMnistMlp [--data DIR] [--epochs N (1)] [--batch N (128)] [--seed N (42)]</pre>
 *
 * The data is read as described in {@link FashionMnistDirectory}. Exit codes: 0 done; 2 cannot run (bad
 * arguments, or the data is missing or corrupt), with one line on stderr and no stack trace.
 */
public final class FashionMnistMlp {

    /** Exit code for bad arguments or missing/corrupt data. */
    public static final int EXIT_CANNOT_RUN = 2;

    static final String USAGE = "usage: FashionMnistMlp [--data DIR] [--epochs N] [--batch N] [--seed N]";

    private static final Logger log = LoggerFactory.getLogger(FashionMnistMlp.class);
    private static final double LEARNING_RATE = 1e-3;
    private static final int LOG_EVERY = 100;

    /**
     * Command-line options.
     *
     * @param data   the data directory given with {@code --data}, or empty
     * @param epochs passes over the training set, &gt; 0
     * @param batch  minibatch size, &gt; 0
     * @param seed   seeds the weights and the shuffling
     */
    record Options(Optional<Path> data, int epochs, int batch, long seed) {

        static Options parse(String... args) {
            Optional<Path> data = Optional.empty();
            int epochs = 1;
            int batch = 128;
            long seed = 42;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value"
                            : "unexpected argument '" + flag + "'");
                }
                String value = args[++i];
                switch (flag) {
                    case "--data" -> data = Optional.of(Path.of(value));
                    case "--epochs" -> epochs = positiveInt(flag, value);
                    case "--batch" -> batch = positiveInt(flag, value);
                    case "--seed" -> seed = parseLong(flag, value);
                    default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
                }
            }
            return new Options(data, epochs, batch, seed);
        }

        private static int positiveInt(String flag, String value) {
            long v = parseLong(flag, value);
            if (v < 1 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(flag + " must be a positive integer, was " + value);
            }
            return (int) v;
        }

        private static long parseLong(String flag, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be an integer, was '" + value + "'", e);
            }
        }
    }

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
     * @param args        command-line arguments
     * @param out         receives the results
     * @param err         receives one line when the example cannot run
     * @param directories finds the data
     * @return the exit code: 0, or {@link #EXIT_CANNOT_RUN}
     */
    static int run(String[] args, PrintStream out, PrintStream err, FashionMnistDirectory directories) {
        long start = System.nanoTime();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("FashionMnistMlp: " + e.getMessage() + "; " + USAGE);
            return EXIT_CANNOT_RUN;
        }
        FashionMnistData train;
        FashionMnistData test;
        try {
            FashionMnistDirectory.Resolved dir = directories.resolve(options.data());
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
                train.pixelsPerImage(), LEARNING_RATE, options.epochs(), options.batch(), options.seed());

        DataSetIterator trainIterator = FashionMnistIterator.builder(train)
                .batchSize(options.batch()).shuffle(options.seed()).build();
        DataSetIterator testIterator = FashionMnistIterator.builder(test).batchSize(options.batch()).build();
        Evaluation evaluation = trainAndEvaluate(trainIterator, testIterator, options.epochs(), options.seed());

        log.info("{}", evaluation.stats());
        out.println(String.format(Locale.ROOT, "Test accuracy: %.4f", evaluation.accuracy()));
        out.println("Wall time: " + seconds(System.nanoTime() - start) + " s");
        return 0;
    }

    /**
     * Entry point; see the class documentation for arguments and exit codes.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err, FashionMnistDirectory.fromSystemEnvironment());
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
