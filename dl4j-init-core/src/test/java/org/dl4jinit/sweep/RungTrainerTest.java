package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Rung jobs: resuming gives exactly the training of an uninterrupted run (from saved bytes, from a model kept in
 * memory, on another thread with its random generator in another state); and how jobs end (pruned, crashed by
 * the score function, NaN, resumed without state).
 */
class RungTrainerTest {

    /** 16 batches of 32 per pass over the synthetic training set. */
    private static final int BATCHES_PER_PASS = 16;

    private static final RungTrainer TRAINER = new RungTrainer(SweepFixtures.sweepData(),
            new TestSetLossScoreFunction(true), PruningTaskListener.quietHealth(), new PruningRule(3, 10));

    /** A tanh MLP with dropout (so training draws random numbers) and Adam (so the updater has state). */
    private static String mlp(IWeightInit init) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11L).updater(new Adam(0.01))
                .weightInit(init).list()
                .layer(new DenseLayer.Builder().nOut(24).activation(Activation.TANH).dropOut(0.8).build())
                .layer(new DenseLayer.Builder().nOut(24).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(SweepFixtures.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        return conf.toJson();
    }

    private static String graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12L).updater(new Adam(0.01))
                .weightInit(new XavierInit()).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).dropOut(0.9).build(),
                        "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(SweepFixtures.CLASSES)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").setInputTypes(InputType.feedForward(SweepFixtures.INPUTS)).build();
        return conf.toJson();
    }

    private static RungJob job(ModelType type, String json, int from, int to, byte[] state) {
        return new RungJob(0, 0, type, json, 11L, from, to, state, null);
    }

    private static float[] params(ModelType type, byte[] state) throws Exception {
        Model m = type.restore(state);
        return m.params().dup().data().asFloat();
    }

    @Test
    void resumingFromSavedStateTrainsExactlyAsAnUninterruptedRun() throws Exception {
        String json = mlp(new XavierInit());
        int end = 2 * BATCHES_PER_PASS + 5;                  // crosses two pass boundaries
        RungResult whole = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 0, end, null));
        RungResult first = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 0, 13, null));
        // the second part runs on another thread whose ND4J generator has drawn other numbers meanwhile
        AtomicReference<RungResult> second = new AtomicReference<>();
        Thread other = new Thread(() -> {
            Nd4j.getRandom().setSeed(99);
            Nd4j.rand(5, 5);
            second.set(TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 13, end, first.state())));
        });
        other.start();
        other.join();
        assertThat(whole.status()).isEqualTo(RungResult.Status.SCORED);
        assertThat(second.get().status()).isEqualTo(RungResult.Status.SCORED);
        assertThat(second.get().iterations()).isEqualTo(end);
        assertThat(second.get().score()).isEqualTo(whole.score());
        assertThat(params(ModelType.MULTI_LAYER_NETWORK, second.get().state()))
                .containsExactly(params(ModelType.MULTI_LAYER_NETWORK, whole.state()));
        MultiLayerNetwork resumed = (MultiLayerNetwork) ModelType.MULTI_LAYER_NETWORK.restore(second.get().state());
        assertThat(resumed.getIterationCount()).isEqualTo(end);
        assertThat(resumed.getEpochCount()).as("two passes ended").isEqualTo(2);
    }

    @Test
    void aJobLeavesNoWorkspacesOnItsThreadAndCausesNoFullCollection() {
        String json = mlp(new XavierInit());
        List<GarbageCollectorMXBean> full = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(b -> b.getName().contains("Old") || b.getName().contains("MarkSweep")).toList();
        assertThat(full).as("this JVM's full-collection counter").isNotEmpty();
        TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 0, 4, null)); // warm: classes, constant buffers
        long before = full.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        for (int i = 0; i < 3; i++) {
            assertThat(TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 0, 4, null)).status())
                    .isEqualTo(RungResult.Status.SCORED);
            assertThat(Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread())
                    .as("the thread keeps no workspace of the network it trained").isEmpty();
        }
        assertThat(full.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum())
                .as("no System.gc() per job (ND4J's destroyAllWorkspacesForCurrentThread calls it)")
                .isEqualTo(before);
    }

    @Test
    void aLastJobReturnsNoStateAndScoresAsOneThatDoes() {
        String json = mlp(new XavierInit());
        RungResult saved = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 0, 12, null));
        RungResult last = TRAINER.run(new RungJob(0, 0, ModelType.MULTI_LAYER_NETWORK, json, 11L, 0, 12, null, null,
                true));
        assertThat(saved.state()).isNotNull();
        assertThat(last.status()).isEqualTo(RungResult.Status.SCORED);
        assertThat(last.state()).as("nothing continues from a last job").isNull();
        assertThat(last.score()).isEqualTo(saved.score());
    }

    @Test
    void continuingAModelKeptInMemoryTrainsExactlyAsAnUninterruptedRun() throws Exception {
        String json = mlp(new XavierInit());
        RungResult whole = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 0, 30, null));
        RungTrainer.LiveModel live = new RungTrainer.LiveModel();
        RungResult a = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 0, 10, null), live, false);
        RungResult b = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 10, 20, null), live, false);
        RungResult c = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 20, 30, null), live, false);
        assertThat(a.state()).as("kept in memory, not serialized").isNull();
        assertThat(List.of(a, b, c)).extracting(RungResult::status).containsOnly(RungResult.Status.SCORED);
        assertThat(c.score()).isEqualTo(whole.score());
        assertThat(live.model.params().dup().data().asFloat())
                .containsExactly(params(ModelType.MULTI_LAYER_NETWORK, whole.state()));
    }

    @Test
    void computationGraphResumesFromSavedStateExactly() throws Exception {
        String json = graph();
        RungResult whole = TRAINER.run(job(ModelType.COMPUTATION_GRAPH, json, 0, 24, null));
        RungResult first = TRAINER.run(job(ModelType.COMPUTATION_GRAPH, json, 0, 7, null));
        RungResult second = TRAINER.run(job(ModelType.COMPUTATION_GRAPH, json, 7, 24, first.state()));
        assertThat(second.score()).isEqualTo(whole.score());
        assertThat(params(ModelType.COMPUTATION_GRAPH, second.state()))
                .containsExactly(params(ModelType.COMPUTATION_GRAPH, whole.state()));
    }

    @Test
    void jobsAndTrainerSurviveJavaSerialization() throws Exception {
        RungJob job = job(ModelType.MULTI_LAYER_NETWORK, mlp(new XavierInit()), 0, 12, null);
        RungTrainer trainer = roundTrip(TRAINER);
        RungResult there = roundTrip(trainer.run(roundTrip(job)));
        RungResult here = TRAINER.run(job);
        assertThat(there.score()).isEqualTo(here.score());
        // the state's bytes are a zip whose entries carry the time they were written: compare what it holds
        MultiLayerNetwork a = (MultiLayerNetwork) ModelType.MULTI_LAYER_NETWORK.restore(there.state());
        MultiLayerNetwork b = (MultiLayerNetwork) ModelType.MULTI_LAYER_NETWORK.restore(here.state());
        assertThat(a.params().dup().data().asFloat()).containsExactly(b.params().dup().data().asFloat());
        assertThat(a.getUpdater().getStateViewArray().dup().data().asFloat())
                .containsExactly(b.getUpdater().getStateViewArray().dup().data().asFloat());
        assertThat(a.getIterationCount()).isEqualTo(b.getIterationCount());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void zeroInitializedCandidateIsPrunedWithTheFindingWithinTheRuleWindow() {
        RungResult r = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, mlp(new ZeroInit()), 0, 40, null));
        assertThat(r.status()).isEqualTo(RungResult.Status.PRUNED);
        assertThat(r.iterations()).isEqualTo(3);
        assertThat(r.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(r.pruneReason().condition()).isIn(HealthCondition.ZERO_ACTIVATIONS, HealthCondition.DEAD_UNITS,
                HealthCondition.SCALE_COLLAPSE, HealthCondition.ZERO_GRADIENT, HealthCondition.VANISHING_GRADIENT);
        assertThat(r.score()).isNaN();
        assertThat(r.state()).isNull();
    }

    @Test
    void scoreFunctionThatThrowsMakesTheJobCrashedWithTheException() {
        RungTrainer trainer = new RungTrainer(SweepFixtures.sweepData(), new ThrowingScore(),
                PruningTaskListener.quietHealth(), null);
        RungResult r = trainer.run(job(ModelType.MULTI_LAYER_NETWORK, mlp(new XavierInit()), 0, 5, null));
        assertThat(r.status()).isEqualTo(RungResult.Status.CRASHED);
        assertThat(r.error()).isEqualTo("java.lang.IllegalStateException: score function failed on purpose");
        assertThat(r.iterations()).isEqualTo(5);
        assertThat(r.score()).isNaN();
    }

    @Test
    void nonFiniteScoreMakesTheJobCrashed() {
        RungTrainer trainer = new RungTrainer(SweepFixtures.sweepData(), new NanForZeroWeights(),
                PruningTaskListener.quietHealth(), null);
        RungResult r = trainer.run(new RungJob(3, 1, ModelType.MULTI_LAYER_NETWORK, mlp(new ZeroInit()), 1L, 0, 4,
                null, null));
        assertThat(r.status()).isEqualTo(RungResult.Status.CRASHED);
        assertThat(r.error()).isEqualTo("non-finite score: NaN at rung 1 after 4 iterations (training diverged or "
                + "the score function failed)");
    }

    @Test
    void resumedJobWithoutStateOrKeptModelCrashesWithTheReason() {
        RungResult r = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, mlp(new XavierInit()), 10, 20, null));
        assertThat(r.status()).isEqualTo(RungResult.Status.CRASHED);
        assertThat(r.error()).isEqualTo("java.lang.IllegalStateException: job for candidate 0: iterations 10 -> 20, "
                + "scored at rung 0 resumes at iteration 10 but carries no state and no model of the candidate is "
                + "kept in memory");
        assertThat(r.iterations()).isEqualTo(10);
    }

    @Test
    void stateOfTheWrongIterationIsRefused() {
        String json = mlp(new XavierInit());
        RungResult first = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 0, 5, null));
        RungResult r = TRAINER.run(job(ModelType.MULTI_LAYER_NETWORK, json, 6, 9, first.state()));
        assertThat(r.status()).isEqualTo(RungResult.Status.CRASHED);
        assertThat(r.error()).endsWith("starts at iteration 6 but the job's state has trained 5");
    }

    /** A score function that always throws. */
    static final class ThrowingScore extends TestScore {
        private static final long serialVersionUID = 1L;

        @Override
        public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
            throw new IllegalStateException("score function failed on purpose");
        }
    }
}
