package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Must-show 1 and 3 of the ASHA issue on a small synthetic problem: random search over initializer family ×
 * scale/gain (log-uniform over decades) × activation × depth, 27 candidates, once with every candidate trained
 * its full budget (the ground truth: the best candidate is known) and twice with ASHA + health pruning (at
 * concurrency 1 and 2), in one run.
 */
class MustShowAshaTest {

    private static final int CANDIDATES = 27;
    private static final PruningRule RULE = new PruningRule(3, 6);
    private static final Schedule ASHA = Schedule.asha(6, 162, 3);

    private static SweepReport full;
    private static SweepReport asha1;
    private static SweepReport asha2;

    /**
     * Four overlapping classes (templates 0.4·N(0,1) plus N(0,1) noise in 32 dimensions), so the best loss is
     * well above 0 and 1% of it is a real margin; 1024 training examples (32 batches of 32 per pass, so the
     * full budget runs 4+ passes) and 512 held out for the score.
     */
    static SweepData overlappingClasses() {
        Nd4j.getRandom().setSeed(21);
        INDArray templates = Nd4j.randn(DataType.FLOAT, SweepFixtures.CLASSES, SweepFixtures.INPUTS).muli(0.4);
        int n = 1536;
        INDArray features = Nd4j.randn(DataType.FLOAT, n, SweepFixtures.INPUTS);
        INDArray labels = Nd4j.create(DataType.FLOAT, n, SweepFixtures.CLASSES);
        for (int i = 0; i < n; i++) {
            features.getRow(i).addi(templates.getRow(i % SweepFixtures.CLASSES));
            labels.putScalar(i, i % SweepFixtures.CLASSES, 1.0);
        }
        List<DataSet> all = new DataSet(features, labels).asList();
        List<DataSet> train = List.copyOf(all.subList(0, 1024));
        List<DataSet> test = List.copyOf(all.subList(1024, n));
        return SweepData.of(() -> new ListDataSetIterator<>(train, SweepFixtures.BATCH),
                () -> new ListDataSetIterator<>(test, 512));
    }

    /** {zero, N(0,1)·f, Xavier(g), He(g), orthogonal(g), LSUV} × {ReLU, tanh} × depth {3, 6}, Adam. */
    static MultiLayerSpace space() {
        return new InitMultiLayerSpace.Builder().initializer(InitializerSpace.familiesOverDecades())
                .seed(5L).updater(new Adam(0.005))
                .addLayer(new DenseLayerSpace.Builder().nOut(SweepFixtures.WIDTH)
                        .activation(new DiscreteParameterSpace<>(Activation.RELU, Activation.TANH)).build(),
                        new DiscreteParameterSpace<>(2, 5))
                .addLayer(new OutputLayerSpace.Builder().nOut(SweepFixtures.CLASSES).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(SweepFixtures.INPUTS))
                .build();
    }

    private static SweepReport run(Schedule schedule, PruningRule rule, int concurrency) {
        AshaSweep.Builder b = AshaSweep.builder(space()).data(overlappingClasses())
                .randomSearch(CANDIDATES, 17L).schedule(schedule).concurrency(concurrency);
        if (rule == null) {
            b.noPruning();
        } else {
            b.pruning(rule);
        }
        return b.build().run();
    }

    @BeforeAll
    static void runTheSearches() {
        full = run(Schedule.fullBudget(ASHA.maxIterations()), null, 2);
        asha1 = run(ASHA, RULE, 1);
        asha2 = run(ASHA, RULE, 2);
        System.out.print(full.toTable());
        System.out.print(asha1.toTable());
        System.out.print(asha2.toTable());
    }

    private static double bestFullBudgetScore() {
        return full.winner().orElseThrow().score();
    }

    @Test
    void allSearchesEvaluateTheSameCandidates() {
        for (SweepReport r : List.of(asha1, asha2)) {
            assertThat(r.results()).hasSize(CANDIDATES);
            for (int i = 0; i < CANDIDATES; i++) {
                assertThat(r.results().get(i).initializer()).isEqualTo(full.results().get(i).initializer());
                assertThat(r.results().get(i).activation()).isEqualTo(full.results().get(i).activation());
                assertThat(r.results().get(i).layers()).isEqualTo(full.results().get(i).layers());
            }
        }
        assertThat(full.results()).extracting(SweepResult::layers).contains(3, 6);
        assertThat(full.results()).extracting(SweepResult::activation).contains("relu", "tanh");
    }

    @Test
    void ashaFindsTheBestCandidateWithinOnePercentWithAThirdOfTheIterations() {
        SweepResult winner = asha1.winner().orElseThrow();
        // the winner trained the full budget without a break: its score is its full-budget score
        assertThat(winner.score()).isEqualTo(full.results().get(winner.index()).score());
        assertThat(winner.score()).isLessThanOrEqualTo(bestFullBudgetScore() * 1.01);
        assertThat(asha1.iterations()).isLessThanOrEqualTo(full.iterations() / 3);
        assertThat(full.iterations()).isEqualTo((long) CANDIDATES * ASHA.maxIterations());
    }

    @Test
    void healthFailingCandidatesArePrunedWithinTheRuleWindowWithTheirFinding() {
        List<SweepResult> pruned = asha1.results().stream()
                .filter(r -> r.outcome() == CandidateOutcome.PRUNED).toList();
        assertThat(pruned).isNotEmpty();
        assertThat(pruned).extracting(SweepResult::initializer).contains("ZeroInit()");
        for (SweepResult r : pruned) {
            assertThat(r.iterations()).as(r.label()).isLessThanOrEqualTo(RULE.withinIterations());
            assertThat(r.pruneReason()).as(r.label()).isNotNull();
            assertThat(r.reason()).contains("FAILING");
            assertThat(r.rung()).isEqualTo(-1);
        }
    }

    @Test
    void everyCandidateSaysWhereAndWhyItStopped() {
        for (SweepResult r : asha1.results()) {
            switch (r.outcome()) {
                case COMPLETED -> {
                    assertThat(r.rung()).isEqualTo(ASHA.rungs() - 1);
                    assertThat(r.iterations()).isEqualTo(ASHA.maxIterations());
                }
                case STOPPED -> {
                    RungScore last = r.rungs().get(r.rungs().size() - 1);
                    assertThat(r.iterations()).isEqualTo(ASHA.budget(r.rung()));
                    assertThat(last.rank()).as(r.label()).isGreaterThan(last.quota());
                    assertThat(r.reason()).startsWith("not promoted at rung " + r.rung() + " ("
                            + ASHA.budget(r.rung()) + " iterations): rank " + last.rank() + " of " + last.finished());
                }
                case PRUNED, CRASHED -> assertThat(r.reason()).isNotEmpty();
                default -> throw new AssertionError(r.outcome());
            }
            for (int k = 0; k < r.rungs().size(); k++) {
                assertThat(r.rungs().get(k).iterations()).isEqualTo(ASHA.budget(r.rungs().get(k).rung()));
            }
        }
        assertThat(asha1.count(CandidateOutcome.STOPPED)).isPositive();
        assertThat(asha1.schedule()).contains(ASHA);
    }

    @Test
    void aCandidatesScoreDoesNotDependOnConcurrencyThreadOrPauses() {
        // every (candidate, rung) scored in both ASHA runs has the same score, bit for bit
        Map<String, Double> one = rungScores(asha1);
        Map<String, Double> two = rungScores(asha2);
        int common = 0;
        for (Map.Entry<String, Double> e : one.entrySet()) {
            if (two.containsKey(e.getKey())) {
                assertThat(two.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
                common++;
            }
        }
        assertThat(common).isGreaterThanOrEqualTo(CANDIDATES - (int) asha1.count(CandidateOutcome.PRUNED));
        // and a candidate that reached the top rung after pauses scores exactly as when trained in one go
        for (SweepResult r : asha2.results()) {
            if (r.outcome() == CandidateOutcome.COMPLETED) {
                assertThat(r.score()).as(r.label()).isEqualTo(full.results().get(r.index()).score());
            }
        }
        // pruning stops the same candidates at the same iteration
        for (int i = 0; i < CANDIDATES; i++) {
            SweepResult a = asha1.results().get(i);
            SweepResult b = asha2.results().get(i);
            assertThat(a.outcome() == CandidateOutcome.PRUNED).isEqualTo(b.outcome() == CandidateOutcome.PRUNED);
            if (a.outcome() == CandidateOutcome.PRUNED) {
                assertThat(a.iterations()).isEqualTo(b.iterations());
            }
        }
    }

    private static Map<String, Double> rungScores(SweepReport r) {
        Map<String, Double> m = new HashMap<>();
        for (SweepResult s : r.results()) {
            for (RungScore k : s.rungs()) {
                m.put(s.index() + "@" + k.rung(), k.score());
            }
        }
        return m;
    }
}
