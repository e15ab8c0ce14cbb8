package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.GeneticSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.init.FanMode;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.InitDistribution;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.VarianceScalingInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.junit.jupiter.api.Test;

class InitializerSpaceTest {

    /** Xavier with gain in [0.5, 2], He with slope {0, 0.1} and fan mode {IN, OUT}, and zero. */
    private static InitializerSpace nested() {
        return InitializerSpace.of(InitializerChoice.xavier(SweepParameters.range("gain", 0.5, 2.0)),
                InitializerChoice.he(SweepParameters.values("negativeSlope", 0.0, 0.1),
                        SweepParameters.values("mode", FanMode.FAN_IN, FanMode.FAN_OUT)),
                InitializerChoice.fixed(new ZeroInit()));
    }

    private static List<IWeightInit> drain(CandidateGenerator g, int max) {
        List<IWeightInit> out = new ArrayList<>();
        while (g.hasMoreCandidates() && out.size() < max) {
            Candidate c = g.getCandidate();
            assertThat(c.getException()).isNull();
            out.add((IWeightInit) c.getValue());
        }
        return out;
    }

    @Test
    void nestedLeavesAreExposedAfterTheSelector() {
        InitializerSpace s = nested();
        List<ParameterSpace> leaves = s.collectLeaves();
        assertThat(leaves).hasSize(4);
        assertThat(leaves.get(0)).isInstanceOf(DiscreteParameterSpace.class);
        assertThat(leaves.get(1)).isEqualTo(SweepParameters.range("gain", 0.5, 2.0));
        assertThat(s.numParameters()).isEqualTo(4);
        assertThat(s.isLeaf()).isFalse();
        assertThat(s.getNestedSpaces()).containsOnlyKeys("choice", "0.XAVIER.gain", "1.HE.negativeSlope",
                "1.HE.mode");
    }

    @Test
    void gridSearchEnumeratesEveryChoiceAndNestedValue() {
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(nested(), 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        assertThat(g.getTotalNumCandidates()).isEqualTo(3 * 3 * 2 * 2);
        Set<IWeightInit> distinct = new LinkedHashSet<>(drain(g, 1000));
        assertThat(distinct).containsExactlyInAnyOrder(XavierInit.uniform(0.5), XavierInit.uniform(1.25),
                XavierInit.uniform(2.0), new HeInit(InitDistribution.NORMAL, FanMode.FAN_IN, 0.0),
                new HeInit(InitDistribution.NORMAL, FanMode.FAN_IN, 0.1),
                new HeInit(InitDistribution.NORMAL, FanMode.FAN_OUT, 0.0),
                new HeInit(InitDistribution.NORMAL, FanMode.FAN_OUT, 0.1), new ZeroInit());
    }

    @Test
    void randomSearchDrawsGainsInsideTheRangeAndEveryKind() {
        RandomSearchGenerator g = new RandomSearchGenerator(nested(), null);
        g.setRngSeed(3);
        List<IWeightInit> drawn = drain(g, 200);
        assertThat(drawn).hasSize(200);
        assertThat(drawn).anyMatch(i -> i instanceof ZeroInit).anyMatch(i -> i instanceof HeInit);
        assertThat(drawn.stream().filter(i -> i instanceof XavierInit).map(i -> ((XavierInit) i).getGain()))
                .isNotEmpty().allMatch(gain -> gain >= 0.5 && gain <= 2.0).doesNotHaveDuplicates();
    }

    @Test
    void familiesOverDecadesDrawsEveryFamilyWithScalesOverTheirWholeRanges() {
        RandomSearchGenerator g = new RandomSearchGenerator(InitializerSpace.familiesOverDecades(), null);
        g.setRngSeed(4);
        List<IWeightInit> drawn = drain(g, 300);
        assertThat(drawn).anyMatch(i -> i instanceof ZeroInit).anyMatch(i -> i instanceof LsuvInit);
        List<Double> factors = drawn.stream().filter(i -> i instanceof SmallRandomInit)
                .map(i -> ((SmallRandomInit) i).getFactor()).toList();
        assertThat(factors).allMatch(f -> f >= 1e-4 && f <= 1).anyMatch(f -> f < 1e-3).anyMatch(f -> f > 0.1);
        List<Double> gains = drawn.stream().filter(i -> i instanceof XavierInit)
                .map(i -> ((XavierInit) i).getGain()).toList();
        assertThat(gains).allMatch(x -> x >= 0.1 && x <= 10).anyMatch(x -> x < 0.3).anyMatch(x -> x > 3);
        assertThat(drawn).filteredOn(i -> i instanceof VarianceScalingInit).isNotEmpty()
                .allMatch(i -> i.toString().contains("mode=FAN_IN"));
        assertThat(drawn).filteredOn(i -> i instanceof OrthogonalInit).isNotEmpty();
        assertThat(InitializerSpace.fromJson(InitializerSpace.familiesOverDecades().toJson()))
                .isEqualTo(InitializerSpace.familiesOverDecades());
    }

    @Test
    void geneticSearchBuildsValidInitializers() {
        GeneticSearchCandidateGenerator g = new GeneticSearchCandidateGenerator.Builder(nested(),
                new TestSetLossScoreFunction(true)).build();
        g.setRngSeed(5);
        List<IWeightInit> drawn = drain(g, 30);
        assertThat(drawn).hasSize(30).doesNotContainNull();
        assertThat(drawn).allMatch(i -> i instanceof XavierInit || i instanceof HeInit || i instanceof ZeroInit);
    }

    @Test
    void otherKindsBuildTheirInitializers() {
        InitializerSpace s = InitializerSpace.of(
                InitializerChoice.orthogonal(SweepParameters.values("gain", 2.0)),
                InitializerChoice.varianceScaling(SweepParameters.logRange("scale", 0.5, 2.0),
                        SweepParameters.values("mode", FanMode.FAN_AVG)),
                InitializerChoice.smallRandom(SweepParameters.values("factor", 0.01)), InitializerChoice.lsuv());
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(s, 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        Set<IWeightInit> distinct = new LinkedHashSet<>(drain(g, 100));
        assertThat(distinct).contains(new OrthogonalInit(2.0), new SmallRandomInit(0.01), new LsuvInit(),
                new VarianceScalingInit(0.5, FanMode.FAN_AVG, InitDistribution.TRUNCATED_NORMAL),
                new VarianceScalingInit(1.0, FanMode.FAN_AVG, InitDistribution.TRUNCATED_NORMAL),
                new VarianceScalingInit(2.0, FanMode.FAN_AVG, InitDistribution.TRUNCATED_NORMAL));
    }

    @Test
    void initializerSpaceRoundTripsThroughArbitersJson() {
        InitializerSpace s = nested();
        String json = s.toJson();
        InitializerSpace back = InitializerSpace.fromJson(json);
        assertThat(back).isEqualTo(s);
        assertThat(back.toJson()).isEqualTo(json);
        assertThat(json).contains("org.dl4jinit.sweep.DoubleRange", "org.dl4jinit.init.ZeroInit");
    }

    @Test
    void networkSpaceWithInitializersRoundTripsThroughJsonAndBuildsTheSameCandidates() {
        MultiLayerSpace s = new InitMultiLayerSpace.Builder().initializer(nested())
                .addLayer(new InitDenseLayerSpace.Builder().nOut(8).activation(Activation.TANH)
                        .initializer(InitializerSpace.of(new OrthogonalInit(), new LsuvInit())).build())
                .addLayer(new InitOutputLayerSpace.Builder().nOut(3).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(5)).build();
        assertThat(s).isInstanceOf(InitMultiLayerSpace.class);
        String json = s.toJson();
        InitMultiLayerSpace back = InitMultiLayerSpace.fromJson(json);
        assertThat(back).isEqualTo(s);
        assertThat(back.numParameters()).isEqualTo(s.numParameters()).isEqualTo(5);
        List<String> a = candidates(s);
        assertThat(a).hasSize(3 * 3 * 2 * 2 * 2);
        assertThat(candidates(back)).isEqualTo(a);
    }

    /** Each grid candidate as "hidden init | output init". */
    private static List<String> candidates(MultiLayerSpace s) {
        GridSearchCandidateGenerator g = new GridSearchCandidateGenerator(s, 3,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        List<String> out = new ArrayList<>();
        while (g.hasMoreCandidates()) {
            DL4JConfiguration c = (DL4JConfiguration) g.getCandidate().getValue();
            out.add(((BaseLayer) c.getMultiLayerConfiguration().getConf(0).getLayer()).getWeightInitFn() + " | "
                    + ((BaseLayer) c.getMultiLayerConfiguration().getConf(1).getLayer()).getWeightInitFn());
        }
        return out;
    }
}
