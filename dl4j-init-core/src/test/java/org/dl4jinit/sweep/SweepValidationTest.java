package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.init.FanMode;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.junit.jupiter.api.Test;

/** Must-show 3: bad input fails with an IllegalArgumentException whose exact message names value and rule. */
class SweepValidationTest {

    @Test
    void emptyInitializerListIsRejected() {
        assertThatThrownBy(() -> InitializerSpace.of(new IWeightInit[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inits must not be empty: an initializer space needs at least one initializer");
        assertThatThrownBy(() -> InitializerSpace.of(new InitializerChoice[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("choices must not be empty: an initializer space needs at least one initializer choice");
        assertThatThrownBy(() -> new InitDenseLayerSpace.Builder().initializer())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inits must not be empty: an initializer space needs at least one initializer");
    }

    @Test
    void nullChoiceIsRejectedWithItsIndex() {
        assertThatThrownBy(() -> InitializerSpace.of(new HeInit(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inits must not contain null, was null at index 1");
    }

    @Test
    void emptyValueListIsRejected() {
        assertThatThrownBy(() -> SweepParameters.values("negativeSlope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negativeSlope values must not be empty: give at least one value");
    }

    @Test
    void invertedRangeIsRejected() {
        assertThatThrownBy(() -> SweepParameters.range("gain", 2.0, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gain range is inverted: min 2.0 > max 0.5 (min must be < max)");
        assertThatThrownBy(() -> SweepParameters.logRange("scale", 10.0, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scale range is inverted: min 10.0 > max 0.1 (min must be < max)");
    }

    @Test
    void emptyAndNonFiniteRangesAreRejected() {
        assertThatThrownBy(() -> SweepParameters.range("gain", 1.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gain range is empty: min == max == 1.0 (use SweepParameters.values(\"gain\", 1.0) "
                        + "for a fixed value)");
        assertThatThrownBy(() -> SweepParameters.range("gain", 0.5, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gain range ends must be finite, was [0.5, Infinity]");
        assertThatThrownBy(() -> SweepParameters.logRange("scale", 0.0, 2.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scale log range must have min > 0, was min 0.0");
    }

    @Test
    void rangeOutsideTheInitializersDomainIsRejected() {
        assertThatThrownBy(() -> InitializerChoice.xavier(SweepParameters.range("gain", -1.0, 2.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gain range [-1.0, 2.0] is outside the domain of XavierInit: gain must be > 0");
        assertThatThrownBy(() -> InitializerChoice.he(SweepParameters.values("negativeSlope", -0.1),
                SweepParameters.values("mode", FanMode.FAN_IN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negativeSlope value -0.1 is outside the domain of HeInit: negativeSlope must be >= 0");
    }

    @Test
    void spaceWithNothingToSearchIsRejected() {
        // every leaf is a FixedValue: layer sizes, activations, loss, layer counts, input type
        MultiLayerSpace single = new InitMultiLayerSpace.Builder().initializer(new HeInit())
                .addLayer(new DenseLayerSpace.Builder().nOut(8).activation(Activation.RELU).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(4).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(8)).build();
        assertThatThrownBy(() -> InitializerSweep.builder(single).data(SweepFixtures.sweepData()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("space has nothing to search: none of its 6 leaf parameters has two or more values, so "
                        + "it describes a single network; give a parameter at least two values, e.g. "
                        + "InitializerSpace.of(new XavierInit(), new HeInit())");
    }

    @Test
    void singleValuedDiscreteLeafIsRejectedForGridSearch() {
        MultiLayerSpace space = new InitMultiLayerSpace.Builder().initializer(new HeInit(), new HeInit(0.1))
                .addLayer(new DenseLayerSpace.Builder().nOut(new DiscreteParameterSpace<>(8)).build())
                .addLayer(new OutputLayerSpace.Builder().nOut(4).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(8)).build();
        assertThatThrownBy(() -> InitializerSweep.builder(space).data(SweepFixtures.sweepData()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("space has a discrete parameter with a single value, DiscreteParameterSpace(8): Arbiter's "
                        + "grid search misaligns such leaves; use a fixed value instead (FixedValue, or "
                        + "SweepParameters.values with one value)");
    }

    @Test
    void missingDataIsRejected() {
        assertThatThrownBy(() -> InitializerSweep.builder(SweepFixtures.mustShowSpace()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data must be set: call data(SweepData.of(train, test))");
    }

    @Test
    void badPruningRuleAndSearchSettingsAreRejected() {
        assertThatThrownBy(() -> new PruningRule(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failingIterations must be >= 1, was 0");
        assertThatThrownBy(() -> new PruningRule(5, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("withinIterations must be >= failingIterations (5), was 3");
        assertThatThrownBy(() -> InitializerSweep.builder(SweepFixtures.mustShowSpace()).gridSearch(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("discretizationCount must be >= 2 (both ends of a range), was 1");
        assertThatThrownBy(() -> InitializerSweep.builder(SweepFixtures.mustShowSpace()).randomSearch(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("candidates must be >= 1, was 0");
    }

    @Test
    void lsuvInitRejectsNestedLsuvAndBadSettings() {
        assertThatThrownBy(() -> new LsuvInit(new LsuvInit(), 0.1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("preInit must be a non-LSUV initializer, was LSUV(");
        assertThatThrownBy(() -> new LsuvInit(new HeInit(), 1.5, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tolerance must be in (0, 1), was 1.5");
    }

    /** Xavier with a gain range, He with a slope and fan modes, and a fixed zero init, as Arbiter's JSON. */
    private static String json() {
        return InitializerSpace.of(InitializerChoice.xavier(SweepParameters.range("gain", 0.5, 2.0)),
                InitializerChoice.he(SweepParameters.values("negativeSlope", 0.0, 0.1),
                        SweepParameters.values("mode", FanMode.FAN_IN, FanMode.FAN_OUT)),
                InitializerChoice.fixed(new ZeroInit())).toJson();
    }

    private static void rejectsJson(String json, String message) {
        assertThatThrownBy(() -> InitializerSpace.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("json is not an initializer space: ")
                .hasRootCauseInstanceOf(IllegalArgumentException.class).hasRootCauseMessage(message);
    }

    @Test
    void jsonWithAnInvertedOrIncompleteRangeIsRejectedLikeTheFactory() {
        String json = json();
        assertThat(json).contains("\"min\" : 0.5,");
        rejectsJson(json.replace("\"min\" : 0.5,", "\"min\" : 3.0,"),
                "gain range is inverted: min 3.0 > max 2.0 (min must be < max)");
        rejectsJson(json.replace("\"max\" : 2.0,", ""), "range gain must have both ends in its JSON, was min 0.5, "
                + "max null");
        rejectsJson(json.replace("\"min\" : 0.5,", "\"min\" : -1.0,"),
                "gain range [-1.0, 2.0] is outside the domain of XavierInit: gain must be > 0");
    }

    @Test
    void jsonOfAnInitializerChoiceWithoutItsParametersOrInstanceIsRejected() {
        String json = json();
        int mode = json.indexOf(",\n      \"mode\"");
        int end = json.indexOf("}", mode) + 1;
        assertThat(mode).isPositive();
        rejectsJson(json.substring(0, mode) + json.substring(end),
                "initializer choice HE must have the parameters [negativeSlope, mode], was [negativeSlope]");
        String zero = "\"instance\" : {\n      \"@class\" : \"org.dl4jinit.init.ZeroInit\"\n    }";
        assertThat(json).contains(zero);
        rejectsJson(json.replace(zero, "\"instance\" : null"), "init must not be null");
        rejectsJson(json.replace("\"kind\" : \"XAVIER\"", "\"kind\" : null"),
                "initializer choice must have a kind, one of [FIXED, HE, XAVIER, ORTHOGONAL, VARIANCE_SCALING, "
                        + "SMALL_RANDOM], was null");
    }

    @Test
    void jsonWithAnUnknownOrMissingEnumValueIsRejected() {
        String json = json();
        assertThat(json).contains("\"FAN_IN\", \"FAN_OUT\"");
        rejectsJson(json.replace("\"FAN_IN\", \"FAN_OUT\"", "\"FAN_IN\", \"FAN_SIDEWAYS\""),
                "FanMode value at index 1 must be one of " + java.util.Arrays.toString(FanMode.values())
                        + ", was \"FAN_SIDEWAYS\"");
        rejectsJson(json.replace("\"FAN_IN\", \"FAN_OUT\"", "\"FAN_IN\", null"),
                "FanMode value at index 1 must be one of " + java.util.Arrays.toString(FanMode.values())
                        + ", was null");
        rejectsJson(json.replace("[ \"FAN_IN\", \"FAN_OUT\" ]", "[ ]"), "FanMode values must not be empty, was []");
    }
}
