package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationPReLU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ActivationGainTest {

    private static final String NOT_HOMOGENEOUS = "it is not positively homogeneous, so the factor that "
            + "preserves variance depends on the input scale; torch.nn.init.calculate_gain defines none";
    private static final String SATURATING = "torch.nn.init.calculate_gain defines no gain for this "
            + "saturating function, and none follows from a variance argument";

    /** The expected gain (Double) or the exact reason it is undefined (String), for every enum constant. */
    private static final Map<Activation, Object> EXPECTED = new EnumMap<>(Activation.class);

    static {
        EXPECTED.put(Activation.IDENTITY, 1.0);
        EXPECTED.put(Activation.SIGMOID, 1.0);
        EXPECTED.put(Activation.TANH, 5.0 / 3.0);
        EXPECTED.put(Activation.HARDTANH, 1.0);
        EXPECTED.put(Activation.RATIONALTANH, 1.0);
        EXPECTED.put(Activation.RELU, Math.sqrt(2.0));
        EXPECTED.put(Activation.RELU6, Math.sqrt(2.0));
        EXPECTED.put(Activation.LEAKYRELU, Math.sqrt(2.0 / (1.0 + 0.01 * 0.01)));
        double m = (1.0 / 8 + 1.0 / 3) / 2;
        EXPECTED.put(Activation.RRELU, Math.sqrt(2.0 / (1.0 + m * m)));
        EXPECTED.put(Activation.SELU, 0.75);
        EXPECTED.put(Activation.THRESHOLDEDRELU, "f(x) = x for x > theta = 1.0 and 0 otherwise is not a "
                + "rectifier at 0, so its output variance depends on the input scale; a gain is defined only "
                + "for theta = 0, where it is ReLU");
        EXPECTED.put(Activation.CUBE, "f(x) = x³ turns an input variance s into 15·s³, so no constant factor "
                + "keeps the variance fixed");
        EXPECTED.put(Activation.ELU, NOT_HOMOGENEOUS);
        EXPECTED.put(Activation.SOFTPLUS, NOT_HOMOGENEOUS);
        EXPECTED.put(Activation.SWISH, NOT_HOMOGENEOUS);
        EXPECTED.put(Activation.GELU, NOT_HOMOGENEOUS);
        EXPECTED.put(Activation.MISH, NOT_HOMOGENEOUS);
        EXPECTED.put(Activation.SOFTSIGN, SATURATING);
        EXPECTED.put(Activation.RECTIFIEDTANH, SATURATING);
        EXPECTED.put(Activation.HARDSIGMOID, SATURATING);
        EXPECTED.put(Activation.SOFTMAX, "softmax is not element-wise: it normalizes across the units of a layer "
                + "(outputs sum to 1), so a per-weight gain has no meaning; it belongs in output layers");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationHasAGainOrThrowsWithItsDocumentedReason(Activation a) {
        assertThat(EXPECTED)
                .as("Activation.%s is new: decide its gain in ActivationGain, its javadoc table and this test", a)
                .containsKey(a);
        Object expected = EXPECTED.get(a);
        if (expected instanceof Double) {
            double gain = (Double) expected;
            assertThat(ActivationGain.of(a)).isCloseTo(gain, within(1e-15));
            assertThat(ActivationGain.of(a.getActivationFunction())).isCloseTo(gain, within(1e-15));
            assertThat(ActivationGain.find(a)).hasValueCloseTo(gain, within(1e-15));
            assertThat(ActivationGain.isDefined(a)).isTrue();
        } else {
            assertThatThrownBy(() -> ActivationGain.of(a))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no gain is defined for activation " + a + ": " + expected);
            IActivation fn = a.getActivationFunction();
            assertThatThrownBy(() -> ActivationGain.of(fn))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no gain is defined for activation " + fn + ": " + expected);
            assertThat(ActivationGain.find(a)).isEmpty();
            assertThat(ActivationGain.isDefined(fn)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void javadocTableNamesEveryActivation(Activation a) throws IOException {
        String source = Files.readString(
                Path.of("src/main/java/org/dl4jinit/init/ActivationGain.java"), StandardCharsets.UTF_8);
        assertThat(source).containsPattern("<td>[A-Z0-9, ]*\\b" + a.name() + "\\b[A-Z0-9, ]*</td>");
    }

    @Test
    void leakyReluGainUsesTheAlphaOfTheInstance() {
        assertThat(ActivationGain.of(new ActivationLReLU(0.2))).isCloseTo(Math.sqrt(2.0 / 1.04), within(1e-15));
        assertThat(ActivationGain.of(new ActivationLReLU())).isCloseTo(Math.sqrt(2.0 / 1.0001), within(1e-15));
    }

    @Test
    void rreluGainUsesTheMeanSlopeOfTheInstance() {
        assertThat(ActivationGain.of(new ActivationRReLU(0.1, 0.3))).isCloseTo(Math.sqrt(2.0 / 1.04), within(1e-15));
    }

    @Test
    void reluWithNegativeSlopeIsALeakyRelu() {
        assertThat(ActivationGain.of(new ActivationReLU(null, null, 0.2)))
                .isCloseTo(Math.sqrt(2.0 / 1.04), within(1e-15));
        assertThat(ActivationGain.of(new ActivationReLU(6.0, 0.0, null))).isEqualTo(Math.sqrt(2.0));
    }

    @Test
    void reluWithNonZeroThresholdHasNoGain() {
        assertThatThrownBy(() -> ActivationGain.of(new ActivationReLU(null, 0.5, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no gain is defined for activation relu: a ReLU with threshold = 0.5 is not a "
                        + "rectifier at 0, so its output variance depends on the input scale; a gain is defined "
                        + "only for threshold 0");
    }

    @Test
    void thresholdedReluAtZeroIsRelu() {
        assertThat(ActivationGain.of(new ActivationThresholdedReLU(0.0))).isEqualTo(Math.sqrt(2.0));
    }

    @Test
    void nanAlphaIsReportedWithTheRule() {
        assertThatThrownBy(() -> ActivationGain.of(new ActivationLReLU(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no gain is defined for activation leakyrelu(a=NaN): alpha must be finite, was NaN");
    }

    @Test
    void preluWithEqualSlopesUsesTheLeakyFormula() {
        ActivationPReLU uniform = new ActivationPReLU(Nd4j.valueArrayOf(new long[] {4}, 0.25), null);
        assertThat(ActivationGain.of(uniform)).isCloseTo(Math.sqrt(2.0 / 1.0625), within(1e-7));

        ActivationPReLU mixed = new ActivationPReLU(Nd4j.createFromArray(0.25, 0.5), null);
        assertThat(ActivationGain.find(mixed)).isEmpty();
    }

    @Test
    void subclassesAndCustomActivationsHaveNoGain() {
        IActivation subclass = new ActivationReLU() {
            private static final long serialVersionUID = 1L;
        };
        assertThatThrownBy(() -> ActivationGain.of(subclass))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no gain is defined for activation relu: unknown IActivation class "
                        + subclass.getClass().getName() + "; only DL4J's built-in activation classes (exact "
                        + "class, not subclasses) have a gain");
    }

    @Test
    void nullIsRejectedWithTheParameterName() {
        assertThatThrownBy(() -> ActivationGain.of((Activation) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("activation must not be null");
        assertThatThrownBy(() -> ActivationGain.of((IActivation) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fn must not be null");
    }

    static Stream<Arguments> variancePreserving() {
        return Stream.of(
                Arguments.of(new ActivationIdentity()),
                Arguments.of(new ActivationReLU()),
                Arguments.of(new ActivationLReLU(0.2)),
                // training mode: a random slope per element; E[a²] exceeds m² by (u-l)²/12, +0.17% here
                Arguments.of(new ActivationRReLU()));
    }

    /** He et al. 2015: for x ~ N(0, 1), gain² · E[f(x)²] = 1 exactly for rectifiers and the identity. */
    @ParameterizedTest
    @MethodSource("variancePreserving")
    void gainSquaredTimesMeanSquareIsOneForRectifiersAndIdentity(IActivation fn) {
        double gain = ActivationGain.of(fn);
        assertThat(gain * gain * meanSquareOverStandardNormal(fn)).isCloseTo(1.0, within(0.01));
    }

    /**
     * Documents that tanh's 5/3 and SELU's 3/4 are not the variance formula: (5/3)²·E[tanh(x)²] ≈ 1.095
     * (E[tanh(x)²] ≈ 0.3943), and since E[selu(x)²] = 1 by design, (3/4)² shrinks it to 9/16 per layer.
     */
    @Test
    void tanhAndSeluGainsAreEmpiricalNotVariancePreserving() {
        double tanh = ActivationGain.TANH * ActivationGain.TANH * meanSquareOverStandardNormal(new ActivationTanH());
        assertThat(tanh).isCloseTo(1.0953, within(0.01));
        double selu = ActivationGain.SELU * ActivationGain.SELU * meanSquareOverStandardNormal(new ActivationSELU());
        assertThat(selu).isCloseTo(0.5625, within(0.01));
    }

    /** E[f(x)²] for x ~ N(0, 1), from a seeded sample of one million, through DL4J's own implementation. */
    private static double meanSquareOverStandardNormal(IActivation fn) {
        Random random = new Random(20240601L);
        double[] x = new double[1_000_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        INDArray out = fn.getActivation(Nd4j.createFromArray(x), true);
        return out.mul(out).meanNumber().doubleValue();
    }
}
