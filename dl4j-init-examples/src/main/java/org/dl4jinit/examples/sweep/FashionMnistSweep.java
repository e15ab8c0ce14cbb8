package org.dl4jinit.examples.sweep;

import java.nio.file.Path;
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
 * The {@code dl4j-init sweep} command runs it with its options from {@code SweepArgs}.
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

        /**
         * @param o the options (batch size, examples, seed)
         * @return suppliers of fresh iterators: the training one shuffles with the options' seed, so every
         *         candidate trains on the same batches in the same order
         */
        public SweepData sweepData(SweepOptions o) {
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
}
