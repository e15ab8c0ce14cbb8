package org.dl4jinit.examples.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jinit.examples.data.FashionMnist;
import org.dl4jinit.examples.data.FashionMnistData;
import org.dl4jinit.examples.data.FashionMnistDataException;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.dl4jinit.examples.data.FashionMnistIterator;
import org.dl4jinit.examples.data.PixelScaling;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.dl4jinit.sweep.InitMultiLayerSpace;
import org.dl4jinit.sweep.InitializerSpace;
import org.dl4jinit.sweep.InitializerSweep;
import org.dl4jinit.sweep.LsuvInit;
import org.dl4jinit.sweep.PruningRule;
import org.dl4jinit.sweep.SweepData;
import org.dl4jinit.sweep.SweepReport;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * An Arbiter grid sweep over initializers on Fashion-MNIST with health-aware pruning: {zero, N(0,1)·0.001,
 * Xavier, He, orthogonal, LSUV} × {ReLU, tanh} × depth {3, 12} (MLP, width 128 by default, SGD + Nesterov
 * 0.01/0.9, one epoch over the first {@code trainExamples} training images, score = average loss on the first
 * {@code testExamples} test images). Prints the report table, writes {@code sweep.csv}, {@code sweep.json} and
 * two PNG plots.
 *
 * <pre>{@code
 * SweepReport report = FashionMnistSweep.run(SweepOptions.defaults().withOutDir(Path.of("out")));
 * }</pre>
 *
 * Command line: {@code [--data DIR] [--out DIR] [--train N] [--test N] [--width W] [--no-pruning]
 * [--prune N,K] [--seed S]}.
 */
public final class FashionMnistSweep {

    private FashionMnistSweep() {
    }

    /**
     * The searched space: the must-show grid on 784 inputs and ten classes.
     *
     * @param width hidden width
     * @param seed  network seed
     * @return the space (24 candidates)
     */
    public static MultiLayerSpace space(int width, long seed) {
        return new InitMultiLayerSpace.Builder()
                .initializer(InitializerSpace.of(new ZeroInit(), new SmallRandomInit(), new XavierInit(),
                        new HeInit(), new OrthogonalInit(), new LsuvInit()))
                .seed(seed).updater(new Nesterovs(0.01, 0.9))
                .addLayer(new DenseLayerSpace.Builder().nOut(width)
                        .activation(new DiscreteParameterSpace<>(Activation.RELU, Activation.TANH)).build(),
                        new DiscreteParameterSpace<>(2, 11))
                .addLayer(new OutputLayerSpace.Builder().nOut(FashionMnist.NUM_CLASSES).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward((long) FashionMnist.IMAGE_SIZE * FashionMnist.IMAGE_SIZE))
                .numEpochs(1)
                .build();
    }

    /** Loaded and scaled data, reusable by several sweeps. */
    public static final class Data {
        private final FashionMnistData train;
        private final FashionMnistData test;
        private final PixelScaling scaling;

        private Data(FashionMnistData train, FashionMnistData test) {
            this.train = train;
            this.test = test;
            this.scaling = PixelScaling.standardize(train);
        }

        /**
         * @param options the options (data directory)
         * @return the training and test sets, standardized with the training set's pixel mean and std
         * @throws FashionMnistDataException if the files are missing or malformed
         */
        public static Data load(SweepOptions options) throws FashionMnistDataException {
            Path dir = FashionMnistDirectory.fromSystemEnvironment().resolve(options.dataDir()).directory();
            return new Data(FashionMnistData.load(dir, FashionMnist.Split.TRAIN),
                    FashionMnistData.load(dir, FashionMnist.Split.TEST));
        }

        SweepData sweepData(SweepOptions o) {
            FashionMnistData tr = train;
            FashionMnistData te = test;
            PixelScaling s = scaling;
            return SweepData.of(() -> FashionMnistIterator.builder(tr).batchSize(o.batchSize())
                    .limit(o.trainExamples()).scaling(s).shuffle(o.seed()).build(),
                    () -> FashionMnistIterator.builder(te).batchSize(500).limit(o.testExamples()).scaling(s)
                            .build());
        }
    }

    /**
     * Loads the data and runs the sweep; writes the CSV, JSON and plots if {@code outDir} is set.
     *
     * @param options the options
     * @return the report
     * @throws FashionMnistDataException if the data cannot be read
     */
    public static SweepReport run(SweepOptions options) throws FashionMnistDataException {
        return run(options, Data.load(options));
    }

    /**
     * Runs the sweep on already loaded data.
     *
     * @param options the options
     * @param data    the data
     * @return the report
     */
    public static SweepReport run(SweepOptions options, Data data) {
        InitializerSweep.Builder b = InitializerSweep.builder(space(options.width(), options.seed()))
                .data(data.sweepData(options));
        if (options.pruning() == null) {
            b.noPruning();
        } else {
            b.pruning(options.pruning());
        }
        SweepReport report = b.build().run();
        if (options.outDir() != null) {
            report.write(options.outDir(), "sweep");
            SweepPlot.write(report, options.outDir(), "Initializer sweep on Fashion-MNIST (pruning "
                    + report.pruning() + ")");
        }
        return report;
    }

    /**
     * @param args see the class documentation
     * @return the options
     * @throws IllegalArgumentException for an unknown flag, a missing value, a value that is not a number where
     *                                  one is needed (naming option and value) or a value out of range
     */
    public static SweepOptions parse(String... args) {
        SweepOptions o = SweepOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-pruning")) {
                o = o.withPruning(null);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--data" -> o = o.withDataDir(Path.of(v));
                case "--out" -> o = o.withOutDir(Path.of(v));
                case "--train" -> o = o.withTrainExamples(integer(a, v));
                case "--test" -> o = o.withTestExamples(integer(a, v));
                case "--width" -> o = o.withWidth(integer(a, v));
                case "--seed" -> o = o.withSeed(longInteger(a, v));
                case "--prune" -> {
                    String[] nk = v.split(",", -1);
                    if (nk.length != 2) {
                        throw new IllegalArgumentException("--prune must be N,K (e.g. 3,20), was " + v);
                    }
                    o = o.withPruning(new PruningRule(integer("--prune N", nk[0].trim()),
                            integer("--prune K", nk[1].trim())));
                }
                default -> throw new IllegalArgumentException("unknown option " + a + "; known: --data, --out, "
                        + "--train, --test, --width, --seed, --prune N,K, --no-pruning");
            }
        }
        return o;
    }

    /**
     * An integer option value.
     *
     * @param option the option, for the message
     * @param value  its text
     * @return the value
     * @throws IllegalArgumentException naming the option and the value if it is not a decimal int
     */
    public static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + option + " must be an integer, was \"" + value + "\"", e);
        }
    }

    private static long longInteger(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + option + " must be an integer, was \"" + value + "\"", e);
        }
    }

    /**
     * Runs the sweep from the command line, prints the report table and, with {@code --out}, writes
     * {@code sweep.csv}, {@code sweep.json} and the two PNG plots.
     *
     * @param args the options of the class documentation, e.g. {@code --train 9600 --prune 3,20 --out target/sweep}
     * @throws Exception if the data cannot be read, or an option is bad (IllegalArgumentException)
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        SweepOptions options = parse(args);
        SweepReport report = run(options);
        System.out.print(report.toTable());
        if (options.outDir() != null) {
            List<String> files = List.of("sweep.csv", "sweep.json", SweepPlot.WALL_PNG, SweepPlot.SCORE_PNG);
            System.out.printf(Locale.ROOT, "wrote %s under %s%n", String.join(", ", files),
                    options.outDir().toAbsolutePath());
        }
    }
}
