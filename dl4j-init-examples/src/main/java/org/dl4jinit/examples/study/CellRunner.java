package org.dl4jinit.examples.study;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.examples.data.FashionMnistData;
import org.dl4jinit.examples.data.FashionMnistIterator;
import org.dl4jinit.examples.data.PixelScaling;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.HealthSubscriber;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;
import org.dl4jinit.lsuv.Lsuv;
import org.dl4jinit.lsuv.LsuvReport;
import org.dl4jinit.propagation.InputMoments;
import org.dl4jinit.propagation.PropagationOptions;
import org.dl4jinit.propagation.SignalPropagation;
import org.dl4jinit.storage.HealthRecorder;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Trains one cell of the study with a {@link GradientHealthListener} checking every iteration, and reduces the
 * run to a {@link CellResult}. Every cell sees the same mini-batches in the same order (the plan's seed). Before
 * training, the signal-propagation analysis predicts iteration 0 from the configuration and the first batch's
 * input moments (not for LSUV, whose weights are rescaled from data after the network is built).
 */
public final class CellRunner {

    private final StudyPlan plan;
    private final FashionMnistData train;
    private final FashionMnistData test;
    private final PixelScaling scaling;
    private final StatsStorageRouter router;

    /**
     * @param plan   the training settings
     * @param train  the training split
     * @param test   the test split
     * @param router where health records go (e.g. the DL4J UI's storage), or empty
     */
    public CellRunner(StudyPlan plan, FashionMnistData train, FashionMnistData test,
            Optional<StatsStorageRouter> router) {
        this.plan = plan;
        this.train = train;
        this.test = test;
        this.scaling = PixelScaling.standardize(train);
        this.router = router.orElse(null);
    }

    /**
     * @param cell       the cell
     * @param iterations its budget
     * @param batchSize  examples per iteration
     * @param progress   progress sink
     * @return what it measured
     */
    public CellResult run(Cell cell, int iterations, int batchSize, Progress progress) {
        long start = System.nanoTime();
        MultiLayerNetwork net = cell.architecture().build(cell.init().weightInit(), plan.seed(), plan.learningRate(),
                plan.momentum());
        DataSetIterator data = batches(batchSize);
        // the first batch of a separate, identical iterator: the cell then trains on the same batches in the same
        // order as every other cell (reset() would move to the next, differently shuffled pass)
        DataSet firstBatch = batches(batchSize).next();
        String note = "";
        Prediction prediction = null;
        if (cell.init().dataDependent()) {
            LsuvReport lsuv = Lsuv.builder().preInit(null).build().apply(net, firstBatch);
            note = String.format(Locale.ROOT, "LSUV: %d layers, %s, %.0f ms", lsuv.processed().size(),
                    lsuv.converged() ? "converged" : "not converged", lsuv.nanos() / 1e6);
        } else {
            long t = System.nanoTime();
            var report = SignalPropagation.analyze(net.getLayerWiseConfigurations(), PropagationOptions.builder()
                    .input(InputMoments.ofBatch(firstBatch.getFeatures(), firstBatch.getLabels()))
                    .batchSize(firstBatch.numExamples()).build());
            prediction = Prediction.of(report, cell.architecture().depth(), (System.nanoTime() - t) / 1e6);
        }
        Recorder recorder = new Recorder(cell, iterations, batchSize, cell.architecture().depth(), progress);
        HealthConfig.Builder config = HealthConfig.builder().onWarning().onFailing().historySize(1).subscribe(recorder);
        if (router != null) {
            config.subscribe(HealthRecorder.to(router));
        }
        GradientHealthListener health = new GradientHealthListener(config.build());
        health.setSessionID(cell.id());
        net.setListeners(health);
        for (int i = 0; i < iterations; i++) {
            if (!data.hasNext()) {
                data.reset();
            }
            DataSet batch = data.next();
            net.fit(batch);
        }
        Evaluation eval = net.evaluate(FashionMnistIterator.builder(test).batchSize(500).limit(plan.testExamples())
                .scaling(scaling).build());
        long wall = (System.nanoTime() - start) / 1_000_000;
        return recorder.result(eval.accuracy(), wall, note, prediction);
    }

    /** @return the training batches of every cell: same seed, so the same batches in the same order */
    DataSetIterator batches(int batchSize) {
        return FashionMnistIterator.builder(train).batchSize(batchSize).scaling(scaling).shuffle(plan.seed()).build();
    }

    /** Reduces each iteration's report to the few numbers the study keeps: a subscriber of the health listener. */
    private static final class Recorder implements HealthSubscriber {
        private static final long serialVersionUID = 1L;
        private final Cell cell;
        private final int iterations;
        private final int batchSize;
        private final int hidden;
        private final Progress progress;
        private final double[] loss;
        private final double[][] mean;
        private final double[][] saturated;
        private final Map<HealthCondition.Group, Verdict> worst = new EnumMap<>(HealthCondition.Group.class);
        private final Map<HealthCondition.Group, Integer> firstFailing = new EnumMap<>(HealthCondition.Group.class);
        private final Map<HealthCondition.Group, String> firstReason = new EnumMap<>(HealthCondition.Group.class);
        private HealthReport lastReport;
        private LayerProfile first;
        private int done;

        Recorder(Cell cell, int iterations, int batchSize, int hidden, Progress progress) {
            this.cell = cell;
            this.batchSize = batchSize;
            this.iterations = iterations;
            this.hidden = hidden;
            this.progress = progress;
            this.loss = new double[iterations];
            this.mean = new double[iterations][hidden];
            this.saturated = new double[iterations][hidden];
            for (HealthCondition.Group g : HealthCondition.Group.values()) {
                worst.put(g, Verdict.HEALTHY);
            }
        }

        @Override
        public void onReport(HealthReport report, Context context) {
            if (done >= iterations) {
                return;
            }
            int i = done++;
            loss[i] = report.score();
            for (int l = 0; l < hidden; l++) {
                LayerHealth layer = report.layers().get(l);
                mean[i][l] = layer.get(Figure.ACTIVATION_MEAN);
                saturated[i][l] = layer.get(Figure.SATURATED_FRACTION);
            }
            for (HealthCondition.Group g : HealthCondition.Group.values()) {
                Verdict v = report.verdict(g);
                worst.put(g, worst.get(g).worst(v));
                if (v == Verdict.FAILING && !firstFailing.containsKey(g)) {
                    firstFailing.put(g, i);
                    // the report's headline when it is about this group, else the group's first FAILING finding
                    firstReason.put(g, report.headline()
                            .filter(h -> h.condition().group() == g && h.verdict() == Verdict.FAILING)
                            .or(() -> report.violations().stream()
                                    .filter(x -> x.condition().group() == g && x.verdict() == Verdict.FAILING)
                                    .findFirst())
                            .map(Violation::message).orElse(""));
                }
            }
            if (i == 0) {
                first = LayerProfile.of(report, 0, hidden);
            }
            lastReport = report;
            progress.iterationDone(cell, i, iterations, report.score());
        }

        CellResult result(double accuracy, long wallMillis, String note, Prediction prediction) {
            if (done == 0) {
                throw new IllegalStateException("no health report was made for " + cell.id());
            }
            Map<HealthCondition.Group, GroupOutcome> outcomes = new EnumMap<>(HealthCondition.Group.class);
            for (HealthCondition.Group g : HealthCondition.Group.values()) {
                outcomes.put(g, new GroupOutcome(g, lastReport.verdict(g), worst.get(g),
                        firstFailing.getOrDefault(g, -1), firstReason.getOrDefault(g, "")));
            }
            double[] l = java.util.Arrays.copyOf(loss, done);
            double[][] m = java.util.Arrays.copyOf(mean, done);
            double[][] s = java.util.Arrays.copyOf(saturated, done);
            return new CellResult(cell, batchSize, l, outcomes, first, LayerProfile.of(lastReport, done - 1, hidden), m, s,
                    accuracy, wallMillis, note, prediction);
        }
    }
}
