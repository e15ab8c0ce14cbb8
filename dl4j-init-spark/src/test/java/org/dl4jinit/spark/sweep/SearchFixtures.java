package org.dl4jinit.spark.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.dl4jinit.sweep.AshaSweep;
import org.dl4jinit.sweep.InitMultiLayerSpace;
import org.dl4jinit.sweep.InitializerSpace;
import org.dl4jinit.sweep.PruningRule;
import org.dl4jinit.sweep.PruningTaskListener;
import org.dl4jinit.sweep.RungExecutor;
import org.dl4jinit.sweep.RungScore;
import org.dl4jinit.sweep.RungTrainer;
import org.dl4jinit.sweep.Schedule;
import org.dl4jinit.sweep.SweepData;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The searches of the Spark tests: a small synthetic classification problem and initializer × activation grids,
 * with zero init (pruned by its health) among the candidates.
 */
final class SearchFixtures {

    static final int INPUTS = 16;
    static final int CLASSES = 4;
    static final PruningRule RULE = new PruningRule(3, 6);
    static final Schedule ASHA = Schedule.asha(6, 54, 3);

    private SearchFixtures() {
    }

    /**
     * Four overlapping classes in 16 dimensions: 512 training examples (16 batches of 32 per pass) and 256 held
     * out for the score, as a broadcast travels: in memory, inside the sweep's data.
     */
    static SweepData data() {
        Nd4j.getRandom().setSeed(11);
        INDArray templates = Nd4j.randn(DataType.FLOAT, CLASSES, INPUTS).muli(0.5);
        int n = 768;
        INDArray features = Nd4j.randn(DataType.FLOAT, n, INPUTS);
        INDArray labels = Nd4j.create(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            features.getRow(i).addi(templates.getRow(i % CLASSES));
            labels.putScalar(i, i % CLASSES, 1.0);
        }
        List<DataSet> all = new DataSet(features, labels).asList();
        List<DataSet> train = List.copyOf(all.subList(0, 512));
        List<DataSet> test = List.copyOf(all.subList(512, n));
        return SweepData.of(() -> new ListDataSetIterator<>(train, 32), () -> new ListDataSetIterator<>(test, 256));
    }

    /**
     * @param extra initializers besides zero, N(0,1)·0.001, Xavier and He
     * @return the initializers × {ReLU, tanh} grid, one hidden layer of 16, Adam
     */
    static MultiLayerSpace space(IWeightInit... extra) {
        List<IWeightInit> inits = new ArrayList<>(List.of(new ZeroInit(), new SmallRandomInit(), new XavierInit(),
                new HeInit()));
        inits.addAll(List.of(extra));
        return new InitMultiLayerSpace.Builder()
                .initializer(InitializerSpace.of(inits.toArray(new IWeightInit[0])))
                .seed(3L).updater(new Adam(0.01))
                .addLayer(new DenseLayerSpace.Builder().nOut(16)
                        .activation(new DiscreteParameterSpace<>(Activation.RELU, Activation.TANH)).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(CLASSES).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(INPUTS))
                .build();
    }

    /** @return the health configuration of a pruning sweep, with a subscriber */
    static HealthConfig health(org.dl4jinit.health.HealthSubscriber subscriber) {
        return PruningTaskListener.quietHealth().toBuilder().subscribe(subscriber).build();
    }

    /**
     * @param space       the space (grid search)
     * @param schedule    the rungs
     * @param health      the health configuration, or null for the default
     * @param executors   the executor, or null for a LocalRungExecutor at the concurrency
     * @param concurrency the LocalRungExecutor's concurrency
     * @return the report
     */
    static SweepReport search(MultiLayerSpace space, Schedule schedule, HealthConfig health,
            Function<RungTrainer, RungExecutor> executors, int concurrency) {
        AshaSweep.Builder b = AshaSweep.builder(space).data(data()).gridSearch(2).schedule(schedule)
                .pruning(RULE).concurrency(concurrency);
        if (health != null) {
            b.health(health);
        }
        if (executors != null) {
            b.executor(executors);
        }
        return b.build().run();
    }

    /**
     * @param report a report
     * @return per candidate: index, label, outcome, iterations, final score and every rung's score and rank, with
     *         scores as exact bits (what must be the same wherever the search ran)
     */
    static List<String> outcomes(SweepReport report) {
        List<String> rows = new ArrayList<>();
        for (SweepResult r : report.results()) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d %s %s %d %s", r.index(), r.label(),
                    r.outcome(), r.iterations(), Double.toHexString(r.score())));
            for (RungScore s : r.rungs()) {
                sb.append(String.format(Locale.ROOT, " | rung %d @%d %s rank %d", s.rung(), s.iterations(),
                        Double.toHexString(s.score()), s.rank()));
            }
            rows.add(sb.toString());
        }
        return rows;
    }
}
