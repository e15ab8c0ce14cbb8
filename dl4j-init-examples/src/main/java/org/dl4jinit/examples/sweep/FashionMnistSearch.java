package org.dl4jinit.examples.sweep;

import java.util.function.Consumer;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jinit.examples.data.FashionMnist;
import org.dl4jinit.sweep.AshaSweep;
import org.dl4jinit.sweep.InitMultiLayerSpace;
import org.dl4jinit.sweep.InitializerSpace;
import org.dl4jinit.sweep.RungResult;
import org.dl4jinit.sweep.SweepReport;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The initializer search users run, on Fashion-MNIST, with {@link AshaSweep}: initializer family × scale or gain
 * over decades × activation × depth, by grid, random search or ASHA (see {@link SearchOptions}). Budgets count
 * training iterations of the shuffled training stream (the same batches in the same order for every candidate);
 * the score is the average loss on the first {@code testExamples} test images, as in {@link FashionMnistSweep}.
 *
 * <pre>{@code
 * SweepReport report = FashionMnistSearch.run(SweepOptions.defaults().withTrainExamples(60_000),
 *         SearchOptions.defaults().withScheduler(SearchOptions.Scheduler.ASHA).withMaxIterations(540),
 *         FashionMnistSweep.Data.load(options), null);
 * }</pre>
 */
public final class FashionMnistSearch {

    private FashionMnistSearch() {
    }

    /**
     * The random-search space: {@link InitializerSpace#familiesOverDecades()} ({zero, N(0,1)·f with f log-uniform
     * in [1e-4, 1], Xavier, He and orthogonal with gain log-uniform in [0.1, 10], LSUV}) × {ReLU, tanh} × depth
     * {3, 12, 30} (layers, output included), MLP on 784 inputs and ten classes, SGD + Nesterov (0.01, 0.9) as in
     * the study.
     *
     * @param width hidden width
     * @param seed  network seed
     * @return the space
     */
    public static MultiLayerSpace space(int width, long seed) {
        return new InitMultiLayerSpace.Builder().initializer(InitializerSpace.familiesOverDecades())
                .seed(seed).updater(new Nesterovs(0.01, 0.9))
                .addLayer(new DenseLayerSpace.Builder().nOut(width)
                        .activation(new DiscreteParameterSpace<>(Activation.RELU, Activation.TANH)).build(),
                        new DiscreteParameterSpace<>(2, 11, 29))
                .addLayer(new OutputLayerSpace.Builder().nOut(FashionMnist.NUM_CLASSES).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward((long) FashionMnist.IMAGE_SIZE * FashionMnist.IMAGE_SIZE))
                .build();
    }

    /**
     * Runs the search on loaded data.
     *
     * @param sweep    data, width, seed and pruning rule (its {@code outDir} is not used here)
     * @param search   scheduler, candidates, budgets, concurrency
     * @param data     the loaded data
     * @param progress called with each job's result as it arrives, or null
     * @return the report
     * @throws IllegalArgumentException if the budgets break a rule of {@link org.dl4jinit.sweep.Schedule} or
     *                                  the first rung ends before the pruning rule's window
     */
    public static SweepReport run(SweepOptions sweep, SearchOptions search, FashionMnistSweep.Data data,
            Consumer<RungResult> progress) {
        boolean grid = search.scheduler() == SearchOptions.Scheduler.GRID;
        AshaSweep.Builder b = AshaSweep.builder(grid ? FashionMnistSweep.space(sweep.width(), sweep.seed())
                        : space(sweep.width(), sweep.seed()))
                .data(data.sweepData(sweep)).schedule(search.schedule(sweep)).concurrency(search.concurrency());
        if (grid) {
            b.gridSearch(3);
        } else {
            b.randomSearch(search.candidates(), sweep.seed());
        }
        if (sweep.pruning() == null) {
            b.noPruning();
        } else {
            b.pruning(sweep.pruning());
        }
        if (progress != null) {
            b.progress(progress);
        }
        return b.build().run();
    }
}
