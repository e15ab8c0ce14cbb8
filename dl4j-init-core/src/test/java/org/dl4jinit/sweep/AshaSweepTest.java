package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Small ASHA sweeps: bad input (must-show 4), a score function that throws, an executor that runs every job
 * from serialized state as a remote one would, out-of-memory, and the report's rung columns.
 */
class AshaSweepTest {

    private static final Schedule SCHEDULE = Schedule.asha(4, 36, 3);
    private static final PruningRule RULE = new PruningRule(3, 4);

    /** {zero, Xavier, He} (or the given inits) × {ReLU, tanh}, one hidden layer of 16: a grid of 6. */
    private static MultiLayerSpace space(IWeightInit... inits) {
        return new InitMultiLayerSpace.Builder()
                .initializer(inits.length == 0 ? new IWeightInit[] {new ZeroInit(), new XavierInit(), new HeInit()}
                        : inits)
                .seed(3L).updater(new Adam(0.01))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(16)
                        .activation(new DiscreteParameterSpace<>(Activation.RELU, Activation.TANH)).build())
                .addLayer(new InitOutputLayerSpace.Builder().nOut(SweepFixtures.CLASSES).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
    }

    private static AshaSweep.Builder sweep() {
        return AshaSweep.builder(space()).data(SweepFixtures.sweepData()).gridSearch(2).schedule(SCHEDULE)
                .pruning(RULE);
    }

    @Test
    void aScoreFunctionThatThrowsMakesItsCandidateCrashedAndTheSearchGoesOn() {
        List<RungResult> seen = new ArrayList<>();
        SweepReport r = sweep().scoreFunction(new ThrowsForTanh()).progress(seen::add).build().run();
        assertThat(r.results()).hasSize(6);
        for (SweepResult s : r.results()) {
            if (s.initializer().startsWith("ZeroInit")) {
                assertThat(s.outcome()).as(s.label()).isEqualTo(CandidateOutcome.PRUNED);
            } else if (s.activation().equals("tanh")) {
                assertThat(s.outcome()).as(s.label()).isEqualTo(CandidateOutcome.CRASHED);
                assertThat(s.error()).isEqualTo("java.lang.IllegalStateException: no score for tanh networks");
                assertThat(s.iterations()).isEqualTo(SCHEDULE.minIterations());
            } else {
                assertThat(s.outcome()).as(s.label()).isIn(CandidateOutcome.COMPLETED, CandidateOutcome.STOPPED);
            }
        }
        assertThat(r.winner()).map(SweepResult::activation).contains("relu");
        assertThat(seen).hasSizeGreaterThan(6);
        assertThat(seen).extracting(RungResult::status).contains(RungResult.Status.CRASHED,
                RungResult.Status.PRUNED, RungResult.Status.SCORED);
    }

    @Test
    void executorThatRunsEveryJobFromSerializedStateGivesTheSameReportAsTheLocalOne() {
        // both at concurrency 1: with jobs at once, promotions depend on the order results arrive (by design)
        SweepReport local = sweep().build().run();
        List<Integer> states = new ArrayList<>();
        List<RungResult> results = new ArrayList<>();
        SweepReport remote = sweep().executor(t -> new SerializingExecutor(t, states, results)).build().run();
        assertThat(states).as("promoted jobs carried the model's bytes").isNotEmpty();
        List<RungResult> scored = results.stream().filter(r -> r.status() == RungResult.Status.SCORED).toList();
        assertThat(scored).filteredOn(r -> r.iterations() < SCHEDULE.maxIterations())
                .as("a job below the top rung returns the state its promotion continues from").isNotEmpty()
                .allSatisfy(r -> assertThat(r.state()).isNotNull());
        assertThat(scored).filteredOn(r -> r.iterations() == SCHEDULE.maxIterations())
                .as("a job at the top rung is its candidate's last: no state saved and shipped").isNotEmpty()
                .allSatisfy(r -> assertThat(r.state()).isNull());
        assertThat(remote.results()).hasSameSizeAs(local.results());
        for (int i = 0; i < local.results().size(); i++) {
            SweepResult a = local.results().get(i);
            SweepResult b = remote.results().get(i);
            assertThat(b.outcome()).as(a.label()).isEqualTo(a.outcome());
            assertThat(b.iterations()).isEqualTo(a.iterations());
            assertThat(b.rungs()).extracting(RungScore::score)
                    .containsExactlyElementsOf(a.rungs().stream().map(RungScore::score).toList());
        }
        assertThat(local.count(CandidateOutcome.COMPLETED)).isPositive();
    }

    @Test
    void reportNamesTheScheduleAndEachCandidatesRungScores() {
        SweepReport r = sweep().build().run();
        assertThat(r.schedule()).contains(SCHEDULE);
        assertThat(r.toTable()).contains("ASHA eta=3, rungs 4/12/36 iterations")
                .contains("pruning FAILING for 3 consecutive iterations within the first 4")
                .contains(r.iterations() + " iterations");
        String[] csv = r.toCsv().split("\r\n");
        assertThat(csv[0]).endsWith(",reason,rung,rung_scores");
        SweepResult completed = r.winner().orElseThrow();
        assertThat(completed.rungs()).extracting(RungScore::iterations).containsExactly(4, 12, 36);
        assertThat(r.toCsv()).contains("4:" + completed.rungs().get(0).score() + ";12:");
        assertThat(r.toJson()).contains("\"schedule\" : \"ASHA eta=3, rungs 4/12/36 iterations\"")
                .contains("\"rungs\" : [ {");
    }

    @Test
    void hyperbandDealsCandidatesToBracketsWhoseFirstRungIsLater() {
        Schedule hyperband = Schedule.hyperband(4, 36, 3, 2);
        SweepReport r = sweep().schedule(hyperband).build().run();
        assertThat(r.results()).hasSize(6);
        for (SweepResult s : r.results()) {
            if (s.initializer().startsWith("ZeroInit")) {
                assertThat(s.outcome()).as(s.label()).isEqualTo(CandidateOutcome.PRUNED);
                assertThat(s.iterations()).isEqualTo(3);
            } else {
                // admitted in index order: even indices to bracket 0 (first rung 4), odd ones to bracket 1 (12)
                assertThat(s.rungs().get(0).iterations()).as(s.label()).isEqualTo(s.index() % 2 == 0 ? 4 : 12);
            }
        }
        assertThat(r.count(CandidateOutcome.COMPLETED)).as("each bracket ends with its best at the top")
                .isEqualTo(2);
        assertThat(r.toTable()).contains("Hyperband (2 ASHA brackets) eta=3, rungs 4/12/36 iterations");
    }

    @Test
    void outOfMemoryInACandidateStopsTheSearchAndIsRethrown() {
        AshaSweep sweep = AshaSweep.builder(space(new OutOfMemoryInit(), new XavierInit()))
                .data(SweepFixtures.sweepData()).gridSearch(2).schedule(SCHEDULE).pruning(RULE).build();
        assertThatThrownBy(sweep::run).isInstanceOf(OutOfMemoryError.class)
                .hasMessage("test: no memory for this candidate");
    }

    @Test
    void badInputIsRejectedBeforeAnyTraining() {
        assertThatThrownBy(() -> sweep().schedule(Schedule.asha(3, 36, 3)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minIterations must be >= the pruning rule's window K (4), was 3: the rule must have "
                        + "judged every candidate before its first promotion; raise minIterations or use a rule "
                        + "with K <= 3");
        assertThatThrownBy(() -> AshaSweep.builder(space()).data(SweepFixtures.sweepData()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("schedule must be set: call schedule("
                        + "Schedule.asha(minIterations, maxIterations, eta)) or schedule(Schedule.fullBudget("
                        + "iterations))");
        assertThatThrownBy(() -> AshaSweep.builder(space()).schedule(SCHEDULE).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data must be set: call data(SweepData.of(train, test))");
        assertThatThrownBy(() -> sweep().concurrency(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concurrency must be >= 1, was 0");
        assertThatThrownBy(() -> sweep().randomSearch(0, 1L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("candidates must be >= 1, was 0");
        assertThatThrownBy(() -> sweep().health(HealthConfig.builder().frequency(2).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("health frequency must be 1 when pruning, was 2");
        // a full-budget schedule or no pruning has no window to respect
        assertThat(sweep().schedule(Schedule.fullBudget(2)).build().schedule()).isEqualTo(Schedule.fullBudget(2));
        assertThat(sweep().schedule(Schedule.asha(1, 3, 3)).noPruning().build()).isNotNull();
    }

    /** Runs each job from Java-serialized job and trainer, returns Java-serialized results: a remote executor. */
    private static final class SerializingExecutor implements RungExecutor {
        private final byte[] trainer;
        private final List<Integer> states;
        private final List<RungResult> results;

        SerializingExecutor(RungTrainer trainer, List<Integer> states, List<RungResult> results) {
            this.trainer = serialize(trainer);
            this.states = states;
            this.results = results;
        }

        @Override
        public int concurrency() {
            return 1;
        }

        @Override
        public CompletionStage<RungResult> submit(RungJob job) {
            if (job.state() != null) {
                states.add(job.state().length);
            }
            RungTrainer there = deserialize(trainer);
            RungResult r = deserialize(serialize(there.run(deserialize(serialize(job)))));
            results.add(r);
            return CompletableFuture.completedFuture(r);
        }

        @Override
        public void release(int candidate) {
            // nothing kept
        }

        @Override
        public void close() {
            // nothing to stop
        }

        private static byte[] serialize(Object o) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        @SuppressWarnings("unchecked")
        private static <T> T deserialize(byte[] b) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
                return (T) in.readObject();
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The test-set loss, except for tanh networks, where it throws. */
    static final class ThrowsForTanh extends TestScore {
        private static final long serialVersionUID = 1L;
        private final TestSetLossScoreFunction loss = new TestSetLossScoreFunction(true);

        @Override
        public double score(Object model, DataProvider data, Map<String, Object> params) {
            if (((MultiLayerNetwork) model).getLayerWiseConfigurations().toJson().contains("ActivationTanH")) {
                throw new IllegalStateException("no score for tanh networks");
            }
            return loss.score(model, data, params);
        }
    }
}
