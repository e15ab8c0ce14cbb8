package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.task.TaskListener;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dl4jinit.init.FanMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.deeplearning4j.arbiter.ComputationGraphSpace;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.arbiter.task.MultiLayerNetworkTaskCreator;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.IdentityInit;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.junit.jupiter.api.Test;

/** Small sweeps: crashes, LSUV as a candidate, convolution and ComputationGraph spaces on DL4J 1.0.0-M2.1. */
class SweepRunnerTest {

    private static InitOutputLayerSpace softmax() {
        return new InitOutputLayerSpace.Builder().nOut(SweepFixtures.CLASSES).activation(Activation.SOFTMAX)
                .lossFunction(LossFunctions.LossFunction.MCXENT).build();
    }

    @Test
    void crashingCandidateIsRecordedWithTheExceptionTextAndTheRunnerGoesOn() {
        MultiLayerSpace space = new InitMultiLayerSpace.Builder()
                .initializer(new ExplodingInit(), new XavierInit())
                .seed(3L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(16).activation(Activation.TANH).build())
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        SweepReport r = InitializerSweep.builder(space).data(SweepFixtures.sweepData()).build().run();
        assertThat(r.results()).hasSize(2);
        SweepResult crashed = r.results().get(0);
        assertThat(crashed.outcome()).isEqualTo(CandidateOutcome.CRASHED);
        assertThat(crashed.error()).contains("java.lang.IllegalStateException: boom: this initializer always fails");
        assertThat(crashed.initializer()).isEqualTo("ExplodingInit()");
        assertThat(crashed.score()).isNaN();
        assertThat(r.results().get(1).outcome()).isEqualTo(CandidateOutcome.COMPLETED);
        assertThat(r.winner()).map(SweepResult::index).contains(1);
    }

    @Test
    void candidateWhoseInitializerRejectsALayerIsRecordedNamingTheLayer() {
        MultiLayerSpace space = new InitMultiLayerSpace.Builder()
                .initializer(new IdentityInit(), new XavierInit())
                .seed(3L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(16).activation(Activation.TANH).build())
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        SweepReport r = InitializerSweep.builder(space).data(SweepFixtures.sweepData()).build().run();

        SweepResult crashed = r.results().get(0);
        assertThat(crashed.outcome()).isEqualTo(CandidateOutcome.CRASHED);
        assertThat(crashed.error()).contains("layer 0 (\"layer0\"): shape must be square of rank 2 [n, n] for an "
                + "identity weight, was [" + SweepFixtures.INPUTS + ", 16]");
    }

    @Test
    void outOfMemoryInACandidateStopsTheSweepAndIsRethrownNotRecordedAsACrash() {
        MultiLayerSpace space = new InitMultiLayerSpace.Builder()
                .initializer(new OutOfMemoryInit(), new XavierInit(), new HeInit())
                .seed(3L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(16).activation(Activation.TANH).build())
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        assertThatThrownBy(() -> InitializerSweep.builder(space).data(SweepFixtures.sweepData()).build().run())
                .isInstanceOf(OutOfMemoryError.class).hasMessage("test: no memory for this candidate");
    }

    @Test
    void interruptedCandidateRestoresTheInterruptFlagAndIsNotRecordedAsACrash() throws Exception {
        MultiLayerSpace space = new InitMultiLayerSpace.Builder().initializer(new InterruptingInit(), new XavierInit())
                .seed(3L).addLayer(new InitDenseLayerSpace.Builder().nOut(4).activation(Activation.TANH).build())
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(space, 2,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        List<SweepResult> results = new ArrayList<>();
        SweepTaskCreator creator = new SweepTaskCreator(null, results::add);
        java.util.concurrent.Callable<?> task = creator.create(g.getCandidate(), SweepFixtures.sweepData(),
                new TestSetLossScoreFunction(true), null, null);
        boolean[] flag = new boolean[1];
        Throwable[] thrown = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                task.call();
            } catch (Throwable t) {
                thrown[0] = t;
            }
            flag[0] = Thread.currentThread().isInterrupted();
        });
        worker.start();
        worker.join();
        assertThat(thrown[0]).isInstanceOf(java.util.concurrent.CancellationException.class)
                .hasMessage("candidate 0 was interrupted").hasRootCauseInstanceOf(InterruptedException.class);
        assertThat(flag[0]).as("interrupt flag restored").isTrue();
        assertThat(results).isEmpty();
    }

    @Test
    void lsuvCandidateRescuesTheSmallRandomInitThatIsPrunedWithoutIt() {
        // same pre-initialization, only LSUV differs: 12-layer tanh net from N(0,1)·0.001; the grid runs both
        MultiLayerSpace space = new InitMultiLayerSpace.Builder()
                .initializer(new SmallRandomInit(), new LsuvInit(new SmallRandomInit(), 0.1, 10))
                .seed(5L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(SweepFixtures.WIDTH).activation(Activation.TANH)
                        .build(), new FixedValue<>(11))
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        SweepReport r = InitializerSweep.builder(space).data(SweepFixtures.sweepData())
                .pruning(new PruningRule(3, 10)).build().run();
        System.out.print(r.toTable());
        assertThat(r.results()).extracting(SweepResult::initializer).containsExactly(
                new SmallRandomInit().toString(), new LsuvInit(new SmallRandomInit(), 0.1, 10).toString());
        assertThat(r.results()).extracting(SweepResult::outcome).containsExactly(CandidateOutcome.PRUNED,
                CandidateOutcome.COMPLETED);
        assertThat(r.results().get(1).verdict()).isNotEqualTo(Verdict.FAILING);
        assertThat(r.winner()).map(SweepResult::index).contains(1);
    }

    @Test
    void lsuvAndOtherCandidatesTrainOnTheSameFirstBatchOfAShufflingIterator() throws Exception {
        List<DataSet> batches = new DataSet(SweepFixtures.data(256, 1).getFeatures(),
                SweepFixtures.data(256, 1).getLabels()).batchBy(SweepFixtures.BATCH);
        SweepData data = SweepData.of(() -> new ShufflingIterator(batches, 11L),
                () -> new ListDataSetIterator<>(SweepFixtures.data(64, 2).asList(), 64));
        MultiLayerSpace space = new InitMultiLayerSpace.Builder().initializer(new XavierInit(), new LsuvInit())
                .seed(3L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(16).activation(Activation.TANH).build())
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        Map<Integer, float[]> firstInput = new ConcurrentHashMap<>();
        TaskListener recorder = new TaskListener() {
            @Override
            public <T extends Model> T preProcess(T model, Candidate candidate) {
                model.addListeners(new BaseTrainingListener() {
                    @Override
                    public void onForwardPass(Model m, List<INDArray> activations) {
                        firstInput.putIfAbsent(candidate.getIndex(), activations.get(0).dup().data().asFloat());
                    }
                });
                return model;
            }

            @Override
            public void postProcess(Model model, Candidate candidate) {
            }
        };
        List<SweepResult> results = new ArrayList<>();
        SweepTaskCreator creator = new SweepTaskCreator(recorder, results::add);
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(space, 2,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        while (g.hasMoreCandidates()) {
            creator.create(g.getCandidate(), data, new TestSetLossScoreFunction(true), null, null).call();
        }
        assertThat(results).extracting(SweepResult::initializer).containsExactly(new XavierInit().toString(),
                new LsuvInit().toString());
        assertThat(results).as(results.toString()).extracting(SweepResult::outcome)
                .containsOnly(CandidateOutcome.COMPLETED);
        float[] expected = data.trainData(null).next().getFeatures().dup().data().asFloat();
        DataSetIterator later = data.trainData(null);
        later.reset();
        later.reset();
        assertThat(Arrays.equals(later.next().getFeatures().dup().data().asFloat(), expected))
                .as("the test is sensitive: another pass starts with another batch").isFalse();
        assertThat(Arrays.equals(firstInput.get(0), expected)).as("Xavier candidate's first training batch").isTrue();
        assertThat(Arrays.equals(firstInput.get(1), expected)).as("LSUV candidate's first training batch").isTrue();
    }

    @Test
    void nonFiniteScoreIsRecordedAsCrashedWithNoScore() {
        MultiLayerSpace space = new InitMultiLayerSpace.Builder().initializer(new ZeroInit(), new XavierInit())
                .seed(3L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(16).activation(Activation.TANH).build())
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        SweepReport r = InitializerSweep.builder(space).data(SweepFixtures.sweepData()).noPruning()
                .scoreFunction(new NanForZeroWeights()).build().run();
        SweepResult zero = r.results().get(0);
        assertThat(zero.outcome()).isEqualTo(CandidateOutcome.CRASHED);
        assertThat(zero.error()).isEqualTo("non-finite score: NaN (training diverged or the score function failed)");
        assertThat(zero.score()).isNaN();
        assertThat(zero.iterations()).isEqualTo(512 / SweepFixtures.BATCH);
        assertThat(r.results().get(1).outcome()).isEqualTo(CandidateOutcome.COMPLETED);
        assertThat(r.winner()).map(SweepResult::index).contains(1);
    }

    @Test
    void candidateWhoseConfigurationCannotBeGeneratedIsRecordedAndTheSweepEnds() {
        // HeInit rejects a negative slope when the candidate is generated (discrete values are not pre-checked)
        InitializerSpace inits = InitializerSpace.of(InitializerChoice.he(
                SweepParameters.values("negativeSlope", 0.0, -0.5), SweepParameters.values("mode", FanMode.FAN_IN)));
        MultiLayerSpace space = new InitMultiLayerSpace.Builder().initializer(inits).seed(3L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(16).activation(Activation.RELU).build())
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        SweepReport r = InitializerSweep.builder(space).data(SweepFixtures.sweepData()).build().run();
        assertThat(r.results()).extracting(SweepResult::outcome).containsExactly(CandidateOutcome.COMPLETED,
                CandidateOutcome.CRASHED);
        assertThat(r.results().get(1).error()).startsWith("candidate generation failed: ")
                .contains("negativeSlope");
    }

    @Test
    void sweepLeavesNoArbiterThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        MultiLayerSpace space = new InitMultiLayerSpace.Builder().initializer(new ZeroInit(), new XavierInit())
                .seed(3L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(16).activation(Activation.TANH).build())
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        InitializerSweep.builder(space).data(SweepFixtures.sweepData()).build().run();
        List<Thread> arbiter = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && (t.getName().startsWith("LocalCandidateExecutor-")
                    || t.getName().startsWith("ArbiterOptimizationRunner-"))) {
                arbiter.add(t);
            }
        }
        for (Thread t : arbiter) {
            t.join(10_000); // shut-down pool threads exit on their own; a live pool's idle thread never does
        }
        assertThat(arbiter).noneMatch(Thread::isAlive);
    }

    @Test
    void pruningTaskListenerAlsoStopsCandidatesUnderArbitersOwnTaskCreator() {
        MultiLayerSpace space = new InitMultiLayerSpace.Builder().initializer(new ZeroInit(), new XavierInit())
                .seed(3L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(16).activation(Activation.TANH).build())
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        OptimizationConfiguration conf = new OptimizationConfiguration.Builder()
                .candidateGenerator(new GridSearchCandidateGenerator(space, 2,
                        GridSearchCandidateGenerator.Mode.Sequential, null))
                .dataProvider(SweepFixtures.sweepData()).scoreFunction(new TestSetLossScoreFunction(true))
                .terminationConditions(new MaxCandidatesCondition(2)).build();
        LocalOptimizationRunner runner = new LocalOptimizationRunner(conf, new MultiLayerNetworkTaskCreator(null,
                new PruningTaskListener(PruningTaskListener.quietHealth(), new PruningRule(3, 10))));
        runner.execute();
        List<CandidateInfo> status = new java.util.ArrayList<>(runner.getCandidateStatus());
        status.sort(java.util.Comparator.comparingInt(CandidateInfo::getIndex));
        assertThat(status.get(0).getCandidateStatus()).isEqualTo(CandidateStatus.Failed);
        assertThat(status.get(0).getExceptionStackTrace()).contains("CandidatePrunedException: pruned at iteration 3");
        assertThat(status.get(1).getCandidateStatus()).isEqualTo(CandidateStatus.Complete);
        assertThat(runner.bestScoreCandidateIndex()).isEqualTo(1);
    }

    @Test
    void taskCreatorAlsoRunsCandidatesFromAnArbiterDataSource() throws Exception {
        MultiLayerSpace space = new InitMultiLayerSpace.Builder().initializer(new ZeroInit(), new HeInit())
                .seed(3L).updater(new Adam(0.003))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(16).activation(Activation.RELU).build())
                .addLayer(softmax()).setInputType(InputType.feedForward(SweepFixtures.INPUTS)).build();
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(space, 2,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        List<SweepResult> results = new java.util.ArrayList<>();
        SweepTaskCreator creator = new SweepTaskCreator(
                new PruningTaskListener(PruningTaskListener.quietHealth(), new PruningRule(2, 5)), results::add);
        while (g.hasMoreCandidates()) {
            creator.create(g.getCandidate(), SyntheticDataSource.class, new java.util.Properties(),
                    new TestSetLossScoreFunction(true), null, null).call();
        }
        assertThat(results).extracting(SweepResult::outcome).containsExactly(CandidateOutcome.PRUNED,
                CandidateOutcome.COMPLETED);
        assertThat(results.get(0).iterations()).isEqualTo(2);
        assertThat(results.get(1).iterations()).isEqualTo(512 / SweepFixtures.BATCH);
        assertThat(results.get(1).score()).isFinite();
    }

    @Test
    void convolutionLayerSpaceAppliesTheSearchedInitializer() {
        MultiLayerSpace space = new InitMultiLayerSpace.Builder().seed(1L)
                .addLayer(new InitConvolutionLayerSpace.Builder().kernelSize(3, 3).stride(1, 1).nOut(4)
                        .activation(Activation.RELU).initializer(new HeInit(), new OrthogonalInit()).build())
                .addLayer(new InitOutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).initializer(new XavierInit()).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build();
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(space, 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        assertThat(g.getTotalNumCandidates()).isEqualTo(2);
        List<Object> inits = new java.util.ArrayList<>();
        while (g.hasMoreCandidates()) {
            DL4JConfiguration c = (DL4JConfiguration) g.getCandidate().getValue();
            MultiLayerNetwork net = new MultiLayerNetwork(c.getMultiLayerConfiguration());
            net.init();
            assertThat(c.getMultiLayerConfiguration().getConf(0).getLayer()).isInstanceOf(ConvolutionLayer.class);
            inits.add(((BaseLayer) c.getMultiLayerConfiguration().getConf(0).getLayer()).getWeightInitFn());
            assertThat(((BaseLayer) c.getMultiLayerConfiguration().getConf(1).getLayer()).getWeightInitFn())
                    .isEqualTo(new XavierInit());
            assertThat(net.getLayer(0).getParam("W").shape()).containsExactly(4, 1, 3, 3);
        }
        assertThat(inits).containsExactly(new HeInit(), new OrthogonalInit());
    }

    @Test
    void computationGraphSpaceSweepsAndPrunesOnM21() {
        // one initializer space shared by every layer: Arbiter gives a shared leaf one index, so the graph is
        // either all zero (dead: no weight gradient anywhere) or all Xavier
        InitializerSpace inits = InitializerSpace.of(new ZeroInit(), new XavierInit());
        ComputationGraphSpace space = new ComputationGraphSpace.Builder().seed(9L).updater(new Adam(0.003))
                .addInputs("in")
                .addLayer("hidden", new InitDenseLayerSpace.Builder().nOut(16).activation(Activation.TANH)
                        .initializer(inits).build(), "in")
                .addLayer("out", new InitOutputLayerSpace.Builder().nOut(SweepFixtures.CLASSES)
                        .activation(Activation.SOFTMAX).lossFunction(LossFunctions.LossFunction.MCXENT)
                        .initializer(inits).build(), "hidden")
                .setOutputs("out").setInputTypes(InputType.feedForward(SweepFixtures.INPUTS)).build();
        SweepReport r = InitializerSweep.builder(space).data(SweepFixtures.sweepData())
                .pruning(new PruningRule(2, 5)).build().run();
        System.out.print(r.toTable());
        assertThat(r.results()).extracting(SweepResult::outcome).containsExactly(CandidateOutcome.PRUNED,
                CandidateOutcome.COMPLETED);
        assertThat(r.results().get(0).pruneReason().layer().name()).isEqualTo("hidden");
        assertThat(r.winner()).map(SweepResult::initializer).contains(new XavierInit().toString());
        assertThat(r.winner().orElseThrow().score()).isLessThan(Math.log(SweepFixtures.CLASSES));
    }
}
