package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The pruning rule on a real candidate whose health is scripted by its data: the first {@code f} training
 * batches have all-zero features, so every hidden activation and the first layer's weight gradient are exactly
 * zero (verdict FAILING); from batch {@code f + 1} on the data are the usual synthetic problem and the network
 * (Xavier, tanh) is healthy. With N = 3 a failure of 1 or 2 iterations is transient and must not prune; 3 must.
 */
class TransientFailurePruningTest {

    private static final int N = 3;

    /** Training batches: {@code failing} zero-feature batches, then the synthetic data. */
    private static SweepData data(int failing) {
        List<DataSet> real = SweepFixtures.data(768, 1).asList();
        List<DataSet> train = new ArrayList<>();
        for (int i = 0; i < failing * SweepFixtures.BATCH; i++) {
            DataSet d = real.get(i).copy();
            d.getFeatures().assign(0);
            train.add(d);
        }
        train.addAll(real.subList(0, 512));
        List<DataSet> trainBatches = List.copyOf(train);
        List<DataSet> testBatches = List.copyOf(real.subList(512, 768));
        return SweepData.of(() -> new ListDataSetIterator<>(trainBatches, SweepFixtures.BATCH),
                () -> new ListDataSetIterator<>(testBatches, 256));
    }

    private static MultiLayerSpace space() {
        return new InitMultiLayerSpace.Builder().initializer(new XavierInit(), new ZeroInit())
                .seed(3L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(SweepFixtures.WIDTH).activation(Activation.TANH)
                        .build())
                .addLayer(new InitOutputLayerSpace.Builder().nOut(SweepFixtures.CLASSES)
                        .activation(Activation.SOFTMAX).lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
    }

    /** Runs the Xavier candidate (grid index 0) with the rule N = 3 within K = 10 and records its verdicts. */
    private static SweepResult xavierCandidate(int failing, List<Verdict> verdicts) throws Exception {
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(space(), 2,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        List<SweepResult> results = new ArrayList<>();
        PruningTaskListener pruning = new PruningTaskListener(PruningTaskListener.quietHealth(), new PruningRule(N, 10));
        SweepTaskCreator creator = new SweepTaskCreator(new org.deeplearning4j.arbiter.task.TaskListener() {
            @Override
            public <T extends org.deeplearning4j.nn.api.Model> T preProcess(T model,
                    org.deeplearning4j.arbiter.optimize.api.Candidate candidate) {
                T m = pruning.preProcess(model, candidate);
                GradientHealthListener health = (GradientHealthListener) ((org.deeplearning4j.nn.multilayer
                        .MultiLayerNetwork) m).getListeners().stream()
                        .filter(l -> l instanceof GradientHealthListener).findFirst().orElseThrow();
                m.addListeners(new org.deeplearning4j.optimize.api.BaseTrainingListener() {
                    @Override
                    public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
                        verdicts.add(health.lastReport().verdict());
                    }
                });
                return m;
            }

            @Override
            public void postProcess(org.deeplearning4j.nn.api.Model model,
                    org.deeplearning4j.arbiter.optimize.api.Candidate candidate) {
            }
        }, results::add);
        creator.create(g.getCandidate(), data(failing), new TestSetLossScoreFunction(true), null, null).call();
        assertThat(results).hasSize(1);
        assertThat(results.get(0).initializer()).startsWith("XavierInit");
        return results.get(0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, N - 1})
    void candidateFailingFewerThanNIterationsAtTheStartAndRecoveringIsNotPruned(int failing) throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        SweepResult r = xavierCandidate(failing, verdicts);
        // the script worked: FAILING exactly on the zero batches, then not FAILING any more
        assertThat(verdicts.subList(0, failing)).containsOnly(Verdict.FAILING);
        assertThat(verdicts.subList(failing, verdicts.size())).doesNotContain(Verdict.FAILING);
        assertThat(r.outcome()).isEqualTo(CandidateOutcome.COMPLETED);
        assertThat(r.iterations()).isEqualTo(failing + 512 / SweepFixtures.BATCH);
        assertThat(r.score()).isFinite();
    }

    @Test
    void candidateFailingNIterationsInARowIsPrunedAtTheNthIteration() throws Exception {
        List<Verdict> verdicts = new ArrayList<>();
        SweepResult r = xavierCandidate(N, verdicts);
        assertThat(r.outcome()).isEqualTo(CandidateOutcome.PRUNED);
        assertThat(r.iterations()).isEqualTo(N);
        assertThat(r.pruneReason().verdict()).isEqualTo(Verdict.FAILING);
        assertThat(r.reason()).contains("layer 0");
    }

    @Test
    void ruleCountsConsecutiveFailingIterationsOnlyWithinTheFirstK() {
        PruningRule rule = new PruningRule(3, 10);
        assertThat(rule.prunes(2, 2)).isFalse();
        assertThat(rule.prunes(3, 3)).isTrue();
        assertThat(rule.prunes(10, 3)).isTrue();
        assertThat(rule.prunes(11, 11)).isFalse();
    }

    @Test
    void pruningWithAHealthConfigThatSkipsIterationsIsRejected() {
        HealthConfig everyFifth = HealthConfig.builder().frequency(5).onWarning().onFailing().build();
        String message = "health frequency must be 1 when pruning, was 5: the pruning rule counts consecutive "
                + "FAILING iterations, so the health listener must check every iteration (use noPruning() to "
                + "check every n-th iteration only)";
        assertThatThrownBy(() -> InitializerSweep.builder(SweepFixtures.mustShowSpace())
                .data(SweepFixtures.sweepData()).health(everyFifth).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> new PruningTaskListener(everyFifth, PruningRule.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        // without pruning the health listener may skip iterations
        assertThat(InitializerSweep.builder(SweepFixtures.mustShowSpace()).data(SweepFixtures.sweepData())
                .health(everyFifth).noPruning().build().pruning()).isNull();
    }
}
