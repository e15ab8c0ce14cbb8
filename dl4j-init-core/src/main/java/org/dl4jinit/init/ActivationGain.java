package org.dl4jinit.init;

import java.util.OptionalDouble;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationCube;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationPReLU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationRationalTanh;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationRectifiedTanh;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The recommended gain of a DL4J activation function: the factor by which the standard deviation of a
 * variance-scaling initializer is multiplied for the layer that feeds it,
 *
 * <pre>  std[W] = gain / sqrt(n),   i.e.  Var[W] = gain² / n   (n = fanIn for He/LeCun, (fanIn+fanOut)/2 for Xavier)</pre>
 *
 * as in PyTorch's {@code torch.nn.init.calculate_gain}, whose values are used wherever it defines one. For
 * a rectifier the gain is derived (He, Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers", ICCV 2015,
 * eq. 10 and 15): with x ~ N(0, σ²), {@code E[f(x)²] = σ²(1 + a²)/2}, so {@code gain² = 2/(1 + a²)} keeps
 * {@code gain²·E[f(x)²] = σ²} from layer to layer. {@code HeInit.gainSquared(a)} is the same formula.
 *
 * <table>
 *   <caption>Gains of every {@link Activation} (default instance) in DL4J 1.0.0-M2.1</caption>
 *   <tr><th>activation</th><th>gain</th><th>source</th></tr>
 *   <tr><td>IDENTITY</td><td>1</td><td>linear; calculate_gain</td></tr>
 *   <tr><td>SIGMOID</td><td>1</td><td>calculate_gain's convention, not a derivation: the logistic function has
 *       mean 1/2 and slope 1/4 at 0, so no gain makes it variance-preserving</td></tr>
 *   <tr><td>TANH</td><td>5/3 ≈ 1.6667</td><td>calculate_gain; an empirical value (see below)</td></tr>
 *   <tr><td>HARDTANH</td><td>1</td><td>the identity on [−1, 1], where N(0, 1) inputs mostly fall</td></tr>
 *   <tr><td>RATIONALTANH</td><td>1</td><td>DL4J's rational approximation of LeCun's 1.7159·tanh(2x/3), which
 *       LeCun, Bottou, Orr &amp; Müller ("Efficient BackProp", 1998, §4.4 and §4.6) designed for unit-variance
 *       inputs with std[W] = 1/sqrt(fanIn); like tanh's 5/3 a recommendation, not the variance formula
 *       (gain²·E[f(x)²] ≈ 0.75 for x ~ N(0, 1))</td></tr>
 *   <tr><td>RELU</td><td>√2 ≈ 1.4142</td><td>He et al. 2015; calculate_gain. A {@code negativeSlope} of
 *       the instance gives √(2/(1 + a²)); a {@code max} clip is ignored as for RELU6</td></tr>
 *   <tr><td>RELU6</td><td>√2</td><td>a rectifier near 0; the clip at 6 is 6σ away for unit-variance
 *       inputs</td></tr>
 *   <tr><td>LEAKYRELU</td><td>√(2/(1 + α²)), α = {@link ActivationLReLU#getAlpha()} of the instance
 *       (default 0.01: ≈ 1.4141)</td><td>He et al. 2015; calculate_gain</td></tr>
 *   <tr><td>RRELU</td><td>√(2/(1 + m²)), m = (l + u)/2 of the instance (defaults 1/8, 1/3: m = 11/48,
 *       gain ≈ 1.3785)</td><td>the leaky-ReLU gain at the mean slope (see below)</td></tr>
 *   <tr><td>SELU</td><td>3/4</td><td>calculate_gain's empirical value (see below)</td></tr>
 *   <tr><td>THRESHOLDEDRELU</td><td>undefined for θ ≠ 0 (default θ = 1); √2 for θ = 0, where it is
 *       ReLU</td><td>zeroes everything below θ, so its output variance depends on the input scale</td></tr>
 *   <tr><td>CUBE</td><td>undefined</td><td>x³ turns input variance σ² into 15σ⁶: no constant factor keeps
 *       it fixed</td></tr>
 *   <tr><td>ELU, SOFTPLUS, SWISH, GELU, MISH</td><td>undefined</td><td>not positively homogeneous, so the
 *       variance-preserving factor depends on the input scale; calculate_gain defines none</td></tr>
 *   <tr><td>SOFTSIGN, RECTIFIEDTANH, HARDSIGMOID</td><td>undefined</td><td>saturating or non-centred functions
 *       for which calculate_gain defines none</td></tr>
 *   <tr><td>SOFTMAX</td><td>undefined</td><td>not element-wise: it normalizes across units</td></tr>
 * </table>
 *
 * <p><b>TANH.</b> 5/3 is not the variance formula above: for x ~ N(0, 1), {@code E[tanh(x)²] ≈ 0.394}, so
 * {@code (5/3)²·E[tanh(x)²] ≈ 1.09}. It is an empirical choice that keeps the activations of a deep tanh
 * network at a stable, non-vanishing scale (PyTorch forum thread "calculate_gain('tanh')",
 * discuss.pytorch.org/t/20854).
 *
 * <p><b>SELU.</b> Klambauer, Unterthiner, Mayr &amp; Hochreiter ("Self-Normalizing Neural Networks", NIPS
 * 2017) prescribe Var[W] = 1/fanIn, i.e. gain 1 ({@link LeCunInit}): only then is (mean 0, variance 1) the
 * attracting fixed point of the forward pass. PyTorch's 3/4 (pytorch/pytorch#50664, value from the same
 * forum thread) was checked only for a stable gradient through 100 square 1000×1000 layers with
 * {@code xavier_normal_}; PyTorch's own documentation warns that it "sacrifices the normalization effect for
 * more stable gradient flow in rectangular layers" and says to use the linear gain (1) for self-normalizing
 * networks. This class returns 3/4 to agree with PyTorch; use {@link LeCunInit} for a self-normalizing net.
 *
 * <p><b>RRELU.</b> During training DL4J draws a slope a ~ U(l, u) per element, so {@code E[f(x)²] =
 * σ²(1 + E[a²])/2} with {@code E[a²] = m² + (u − l)²/12}; the gain uses the mean slope m, as the RReLU paper
 * (Xu, Wang, Chen &amp; Li, "Empirical Evaluation of Rectified Activations in Convolutional Network", 2015)
 * does at test time. For the defaults the two differ by 0.17% in variance. (DL4J M2.1's inference mode
 * computes {@code max(x, m)} instead of a leaky ReLU of slope m; that does not change the gain used to
 * initialize for training.)
 *
 * <p>For an {@link IActivation} instance the gain depends on its parameters (the α of a leaky ReLU, the l
 * and u of an RReLU, the θ of a thresholded ReLU, the negative slope and threshold of {@link ActivationReLU},
 * a uniform α of a {@link ActivationPReLU}). Only DL4J's own classes are known, matched exactly: a subclass
 * or a custom {@code IActivation} has no gain, since it may compute something else.
 */
public final class ActivationGain {

    /** √2: the gain of ReLU. */
    public static final double RELU = Math.sqrt(2.0);
    /** 5/3: the gain of tanh. */
    public static final double TANH = 5.0 / 3.0;
    /** 3/4: PyTorch's gain for SELU. */
    public static final double SELU = 0.75;

    private static final String NOT_HOMOGENEOUS = "it is not positively homogeneous, so the factor that "
            + "preserves variance depends on the input scale; torch.nn.init.calculate_gain defines none";
    private static final String SATURATING = "torch.nn.init.calculate_gain defines no gain for this "
            + "saturating function, and none follows from a variance argument";

    private ActivationGain() {
    }

    /**
     * The gain of the enum's default instance ({@link Activation#getActivationFunction()}).
     *
     * @param activation the activation
     * @return the gain, finite and &gt; 0
     * @throws IllegalArgumentException if {@code activation} is null or has no gain; the message names the
     *                                  activation and the reason
     */
    public static double of(Activation activation) {
        Checks.notNull("activation", activation);
        return resolve(activation.getActivationFunction()).orThrow(activation.name());
    }

    /**
     * The gain of an activation instance, from its own parameters.
     *
     * @param fn the activation function, e.g. {@code new ActivationLReLU(0.2)}
     * @return the gain, finite and &gt; 0
     * @throws IllegalArgumentException if {@code fn} is null or has no gain; the message names the activation
     *                                  (its {@code toString()}) and the reason
     */
    public static double of(IActivation fn) {
        Checks.notNull("fn", fn);
        return resolve(fn).orThrow(String.valueOf(fn));
    }

    /**
     * @param activation the activation
     * @return the gain of its default instance, or empty if none is defined
     * @throws IllegalArgumentException if {@code activation} is null
     */
    public static OptionalDouble find(Activation activation) {
        Checks.notNull("activation", activation);
        return resolve(activation.getActivationFunction()).asOptional();
    }

    /**
     * @param fn the activation function
     * @return its gain, or empty if none is defined
     * @throws IllegalArgumentException if {@code fn} is null
     */
    public static OptionalDouble find(IActivation fn) {
        Checks.notNull("fn", fn);
        return resolve(fn).asOptional();
    }

    /**
     * @param activation the activation
     * @return whether a gain is defined for its default instance
     * @throws IllegalArgumentException if {@code activation} is null
     */
    public static boolean isDefined(Activation activation) {
        return find(activation).isPresent();
    }

    /**
     * @param fn the activation function
     * @return whether a gain is defined for it
     * @throws IllegalArgumentException if {@code fn} is null
     */
    public static boolean isDefined(IActivation fn) {
        return find(fn).isPresent();
    }

    /**
     * The squared gain of a rectifier of negative slope {@code a}: {@code 2/(1 + a²)} (He et al. 2015,
     * eq. 15).
     */
    private static Result leaky(String parameter, double slope) {
        if (!Double.isFinite(slope)) {
            return Result.undefined(parameter + " must be finite, was " + slope);
        }
        return Result.of(Math.sqrt(HeInit.gainSquared(slope)));
    }

    private static Result resolve(IActivation fn) {
        Class<?> c = fn.getClass();
        if (c == ActivationIdentity.class || c == ActivationSigmoid.class || c == ActivationHardTanH.class
                || c == ActivationRationalTanh.class) {
            return Result.of(1.0);
        }
        if (c == ActivationTanH.class) {
            return Result.of(TANH);
        }
        if (c == ActivationSELU.class) {
            return Result.of(SELU);
        }
        if (c == ActivationReLU6.class) {
            return Result.of(RELU);
        }
        if (c == ActivationReLU.class) {
            return relu((ActivationReLU) fn);
        }
        if (c == ActivationLReLU.class) {
            return leaky("alpha", ((ActivationLReLU) fn).getAlpha());
        }
        if (c == ActivationRReLU.class) {
            ActivationRReLU r = (ActivationRReLU) fn;
            return leaky("mean slope (l + u)/2", (r.getL() + r.getU()) / 2.0);
        }
        if (c == ActivationPReLU.class) {
            return prelu((ActivationPReLU) fn);
        }
        if (c == ActivationThresholdedReLU.class) {
            double theta = ((ActivationThresholdedReLU) fn).getTheta();
            return theta == 0.0 ? Result.of(RELU)
                    : Result.undefined("f(x) = x for x > theta = " + theta + " and 0 otherwise is not a rectifier "
                            + "at 0, so its output variance depends on the input scale; a gain is defined only for "
                            + "theta = 0, where it is ReLU");
        }
        if (c == ActivationCube.class) {
            return Result.undefined("f(x) = x³ turns an input variance s into 15·s³, so no constant factor "
                    + "keeps the variance fixed");
        }
        if (c == ActivationELU.class || c == ActivationSoftPlus.class || c == ActivationSwish.class
                || c == ActivationGELU.class || c == ActivationMish.class) {
            return Result.undefined(NOT_HOMOGENEOUS);
        }
        if (c == ActivationSoftSign.class || c == ActivationRectifiedTanh.class
                || c == ActivationHardSigmoid.class) {
            return Result.undefined(SATURATING);
        }
        if (c == ActivationSoftmax.class) {
            return Result.undefined("softmax is not element-wise: it normalizes across the units of a layer "
                    + "(outputs sum to 1), so a per-weight gain has no meaning; it belongs in output layers");
        }
        return Result.undefined("unknown IActivation class " + c.getName() + "; only DL4J's built-in "
                + "activation classes (exact class, not subclasses) have a gain");
    }

    private static Result relu(ActivationReLU fn) {
        Double threshold = fn.getThreshold();
        if (threshold != null && threshold != 0.0) {
            return Result.undefined("a ReLU with threshold = " + threshold + " is not a rectifier at 0, so its "
                    + "output variance depends on the input scale; a gain is defined only for threshold 0");
        }
        Double max = fn.getMax();
        if (max != null && !(max > 0.0)) {
            return Result.undefined("a ReLU clipped at max = " + max + " is constant; a gain is defined only "
                    + "for max > 0");
        }
        Double negativeSlope = fn.getNegativeSlope();
        return leaky("negativeSlope", negativeSlope == null ? 0.0 : negativeSlope);
    }

    private static Result prelu(ActivationPReLU fn) {
        INDArray alpha = fn.getAlpha();
        if (alpha == null || alpha.isEmpty()) {
            return Result.undefined("the PReLU has no alpha array");
        }
        double min = alpha.minNumber().doubleValue();
        double max = alpha.maxNumber().doubleValue();
        if (min != max) {
            return Result.undefined("the PReLU's slopes differ (from " + min + " to " + max + "); a gain is "
                    + "defined only when all slopes are equal, as at He et al.'s initialization");
        }
        return leaky("alpha", min);
    }

    /** A gain, or the reason there is none. */
    private static final class Result {
        private final double gain;
        private final String reason;

        private Result(double gain, String reason) {
            this.gain = gain;
            this.reason = reason;
        }

        static Result of(double gain) {
            return new Result(gain, null);
        }

        static Result undefined(String reason) {
            return new Result(Double.NaN, reason);
        }

        double orThrow(String name) {
            if (reason != null) {
                throw new IllegalArgumentException("no gain is defined for activation " + name + ": " + reason);
            }
            return gain;
        }

        OptionalDouble asOptional() {
            return reason == null ? OptionalDouble.of(gain) : OptionalDouble.empty();
        }
    }
}
