package org.dl4jinit.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.dl4jinit.init.FanMode;
import org.dl4jinit.init.InitDistribution;
import org.dl4jinit.init.VarianceScalingInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Must-show 2: the known closed forms of mean-field theory, reproduced by the analysis and the critical-gain
 * solver to 1e-6 (Poole et al. 2016; Schoenholz et al. 2017; He et al. 2015).
 */
class ClosedFormsTest {

    static MultiLayerConfiguration mlp(int depth, int width, Activation activation, double weightGain) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1)
                .weightInit(new VarianceScalingInit(weightGain, FanMode.FAN_IN, InitDistribution.NORMAL)).list();
        for (int i = 0; i < depth; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? 100 : width).nOut(width).activation(activation).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(width).nOut(10)
                .activation(Activation.SOFTMAX).build());
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 2.0, 3.0})
    void reluVarianceMapIsHalfTheWeightGainTimesThePreviousVariance(double gain) {
        double inputVariance = 1.3;
        PropagationReport r = SignalPropagation.analyze(mlp(12, 64, Activation.RELU, gain), inputVariance);

        double expected = gain * inputVariance;
        for (int l = 0; l < 12; l++) {
            LayerPrediction p = r.layers().get(l);
            assertThat(p.weightGain()).isCloseTo(gain, within(1e-12));
            assertThat(p.preActivationVariance() / expected).as("layer %d", l).isCloseTo(1, within(1e-6));
            expected *= gain / 2; // q_l = σ_w²/2 · q_{l−1}: E[relu(z)²] = q/2
        }
    }

    @Test
    void reluGradientGainIsHalfTheWeightGainAndHeIsCritical() {
        for (double gain : new double[] {1.0, 2.0, 3.0}) {
            PropagationReport r = SignalPropagation.analyze(mlp(8, 64, Activation.RELU, gain), 1.0);
            // between two hidden layers of equal width χ = σ_w²·E[relu'²] = σ_w²/2
            for (int l = 1; l < 7; l++) {
                assertThat(r.layers().get(l).chi()).as("gain %s layer %d", gain, l).isCloseTo(gain / 2, within(1e-6));
            }
        }
    }

    @Test
    void criticalGainOfReluIsTwoAtAnyScale() {
        CriticalGain.CriticalPoint p = CriticalGain.solve(new ActivationReLU(), 0);

        assertThat(p.weightVariance()).isCloseTo(2.0, within(1e-6));
        assertThat(p.kind()).isEqualTo(CriticalGain.Kind.SCALE_FREE);
    }

    @Test
    void criticalGainOfLeakyReluIsHesFormula() {
        CriticalGain.CriticalPoint p = CriticalGain.solve(new ActivationLReLU(0.1), 0);

        assertThat(p.weightVariance()).isCloseTo(2 / (1 + 0.01), within(1e-6));
    }

    @Test
    void criticalGainOfTanhWithoutBiasIsOneAtTheTrivialFixedPoint() {
        CriticalGain.CriticalPoint p = CriticalGain.solve(new ActivationTanH(), 0);

        assertThat(p.weightVariance()).isCloseTo(1.0, within(1e-6));
        assertThat(p.fixedPoint()).isZero();
        assertThat(p.kind()).isEqualTo(CriticalGain.Kind.TRIVIAL_FIXED_POINT);
    }

    /** With a bias the fixed point is non-trivial; checked against an independent fine integration. */
    @Test
    void criticalGainOfTanhWithBiasSatisfiesBothEquationsToOneInAMillion() {
        double biasVariance = 0.05;
        CriticalGain.CriticalPoint p = CriticalGain.solve(new ActivationTanH(), biasVariance);

        double q = p.fixedPoint();
        double w = p.weightVariance();
        double[] m = Reference.tanhMoments(q);
        assertThat(w * m[0] + biasVariance - q).as("fixed point q* = σ_w²E[tanh²] + σ_b²").isCloseTo(0, within(1e-6));
        assertThat(w * m[1]).as("χ = σ_w²E[tanh'²]").isCloseTo(1, within(1e-6));
        // the edge of chaos of Poole et al. 2016, Fig. 1: σ_w² ≈ 1.76 at σ_b² = 0.05
        assertThat(w).isCloseTo(1.76, within(0.01));
    }

    @Test
    void softplusHasNoCriticalPointWithoutBias() {
        assertThat(CriticalGain.find(new ActivationSoftPlus(), 0)).isEmpty();
        assertThatThrownBy(() -> CriticalGain.solve(new ActivationSoftPlus(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("activation softplus has no critical point with biasVariance 0");
    }

    @Test
    void sigmoidsCriticalPointLiesDeepInSaturation() {
        // why AutoInit does not use the solver: the sigmoid's edge of chaos needs σ_w² ≈ 103, q* ≈ 46
        CriticalGain.CriticalPoint p = CriticalGain.solve(new ActivationSigmoid(), 0);

        assertThat(p.weightVariance()).isGreaterThan(100);
        assertThat(p.fixedPoint()).isGreaterThan(40);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> CriticalGain.solve(null, 0)).hasMessage("activation must not be null");
        assertThatThrownBy(() -> CriticalGain.solve(new ActivationTanH(), -1))
                .hasMessage("biasVariance must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> CriticalGain.solve(new ActivationTanH(), Double.NaN))
                .hasMessage("biasVariance must be finite and >= 0, was NaN");
    }

    /** Smooth activations, where Simpson's rule is an exact-enough reference (ReLU: the closed form above). */
    @Test
    void everyCriticalPointOfASmoothActivationHasUnitGain() {
        for (Object[] c : List.of(new Object[] {new ActivationTanH(), 0.1}, new Object[] {new ActivationTanH(), 0.5},
                new Object[] {new ActivationSigmoid(), 0.0})) {
            CriticalGain.CriticalPoint p = CriticalGain.solve((org.nd4j.linalg.activations.IActivation) c[0],
                    (Double) c[1]);
            double q = Double.isNaN(p.fixedPoint()) ? 1 : p.fixedPoint();
            double[][] t = Reference.tabulate((org.nd4j.linalg.activations.IActivation) c[0], 0, Math.sqrt(q));
            double slope = Reference.simpson(t[1], d -> d * d);
            assertThat(p.weightVariance() * slope).as(p.toString()).isCloseTo(1, within(1e-6));
        }
    }
}
