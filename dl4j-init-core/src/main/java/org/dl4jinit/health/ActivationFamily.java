package org.dl4jinit.health;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationRationalTanh;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationRectifiedTanh;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;

/**
 * Where an activation function saturates, judged on its output {@code a = f(z)} (DL4J does not expose the
 * pre-activation {@code z} to listeners). A value is saturated when it lies within a margin {@code m} (a
 * fraction of the output range, {@link HealthThresholds#saturationMargin()}) of where the derivative
 * vanishes:
 *
 * <table>
 *   <caption>saturation regions</caption>
 *   <tr><th>family</th><th>activations</th><th>saturated when</th></tr>
 *   <tr><td>{@link #UNIT_INTERVAL}</td><td>sigmoid, hard sigmoid</td><td>a &lt; m or a &gt; 1 − m</td></tr>
 *   <tr><td>{@link #SYMMETRIC}</td><td>tanh, hard tanh, softsign, rational tanh (±1.7159)</td>
 *       <td>|a| &gt; bound·(1 − m)</td></tr>
 *   <tr><td>{@link #RECTIFIER}</td><td>ReLU, ReLU6, leaky ReLU, RReLU, thresholded ReLU, rectified tanh</td>
 *       <td>a ≤ 0 (the zero region, or the small-slope region of a leaky rectifier)</td></tr>
 *   <tr><td>{@link #LOWER_ASYMPTOTE}</td><td>ELU (−α), SELU (−λα ≈ −1.7581), softplus (0)</td>
 *       <td>a &lt; asymptote·(1 − m) (softplus: a &lt; m)</td></tr>
 *   <tr><td>{@link #NONE}</td><td>identity, softmax, cube, swish, GELU, Mish, any other</td>
 *       <td>never: no saturation check</td></tr>
 * </table>
 *
 * <p>The picture is Glorot &amp; Bengio 2010 (§3, Fig. 2): a sigmoid network's top hidden layer driven to 0,
 * or tanh units at ±1, pass almost no gradient.
 */
public enum ActivationFamily {
    /** Output in (0, 1): sigmoid and hard sigmoid saturate near 0 and near 1. */
    UNIT_INTERVAL,
    /** Output in (−b, b): tanh-like functions saturate near ±b. */
    SYMMETRIC,
    /** Rectifiers: the zero (or small-slope) region a ≤ 0 passes no (or little) gradient. */
    RECTIFIER,
    /** Functions with a lower asymptote (ELU, SELU, softplus), flat for very negative inputs. */
    LOWER_ASYMPTOTE,
    /** No saturation region is checked. */
    NONE;

    private static final double SELU_LOWER = -1.0507009873554804934 * 1.6732632423543772848;
    private static final double RATIONAL_TANH_BOUND = 1.7159;

    /**
     * The family of a DL4J activation function instance.
     *
     * @param fn the activation; null gives {@link #NONE}
     * @return its family
     */
    public static ActivationFamily of(IActivation fn) {
        if (fn instanceof ActivationSigmoid || fn instanceof ActivationHardSigmoid) {
            return UNIT_INTERVAL;
        }
        if (fn instanceof ActivationTanH || fn instanceof ActivationHardTanH || fn instanceof ActivationSoftSign
                || fn instanceof ActivationRationalTanh) {
            return SYMMETRIC;
        }
        if (fn instanceof ActivationReLU || fn instanceof ActivationReLU6 || fn instanceof ActivationLReLU
                || fn instanceof ActivationRReLU || fn instanceof ActivationThresholdedReLU
                || fn instanceof ActivationRectifiedTanh) {
            return RECTIFIER;
        }
        if (fn instanceof ActivationELU || fn instanceof ActivationSELU || fn instanceof ActivationSoftPlus) {
            return LOWER_ASYMPTOTE;
        }
        return NONE;
    }

    /**
     * Whether the activation never outputs a negative value (ReLU, ReLU6, thresholded ReLU, rectified tanh,
     * sigmoid, hard sigmoid, softplus): then "a ≤ 0" and "a = 0" are the same count.
     *
     * @param fn the activation
     * @return true if its outputs are all &gt;= 0
     */
    public static boolean nonNegative(IActivation fn) {
        if (fn instanceof ActivationReLU) {
            Double slope = ((ActivationReLU) fn).getNegativeSlope();
            return slope == null || slope == 0.0;
        }
        return fn instanceof ActivationReLU6 || fn instanceof ActivationThresholdedReLU
                || fn instanceof ActivationRectifiedTanh || fn instanceof ActivationSigmoid
                || fn instanceof ActivationHardSigmoid || fn instanceof ActivationSoftPlus;
    }

    /**
     * Where a value {@code a = f(z)} lies relative to the saturation region of this table: −1 on the low side
     * ({@link #UNIT_INTERVAL}: a &lt; m; {@link #SYMMETRIC}: a &lt; −bound·(1 − m); {@link #RECTIFIER}: a ≤ 0;
     * {@link #LOWER_ASYMPTOTE}: a ≤ asymptote·(1 − m), softplus a ≤ m), +1 on the high side
     * ({@link #UNIT_INTERVAL}: a &gt; 1 − m; {@link #SYMMETRIC}: a &gt; bound·(1 − m)), 0 when not saturated or
     * for {@link #NONE}: the listener's definition (its reducer counts against {@link #saturationLimit}), which
     * the signal-propagation analysis predicts with.
     *
     * @param fn     the activation
     * @param a      an output value
     * @param margin the saturation margin m, a fraction of the output range
     * @return −1, 0 or +1
     */
    public static int saturationSide(IActivation fn, double a, double margin) {
        ActivationFamily family = of(fn);
        double limit = saturationLimit(family, bound(fn), margin);
        switch (family) {
            case SYMMETRIC:
                return a > limit ? 1 : a < -limit ? -1 : 0;
            case UNIT_INTERVAL:
                return a < limit ? -1 : a > 1 - margin ? 1 : 0;
            case RECTIFIER:
            case LOWER_ASYMPTOTE:
                return a <= limit ? -1 : 0;
            default:
                return 0;
        }
    }

    /**
     * The limit beyond which an output is saturated: SYMMETRIC bound·(1 − m) (in |a|); UNIT_INTERVAL m (and
     * 1 − m above); RECTIFIER 0; LOWER_ASYMPTOTE asymptote·(1 − m), or m for softplus (asymptote 0); NONE NaN.
     *
     * @param family the family
     * @param bound  {@link #bound(IActivation)} of the activation
     * @param margin the saturation margin m
     * @return the limit
     */
    public static double saturationLimit(ActivationFamily family, double bound, double margin) {
        switch (family) {
            case SYMMETRIC:
                return bound * (1 - margin);
            case UNIT_INTERVAL:
                return margin;
            case RECTIFIER:
                return 0;
            case LOWER_ASYMPTOTE:
                return bound == 0 ? margin : bound * (1 - margin);
            default:
                return Double.NaN;
        }
    }

    /**
     * The magnitude of the bound of a {@link #SYMMETRIC} function (1, or 1.7159 for rational tanh), or the
     * lower asymptote of a {@link #LOWER_ASYMPTOTE} function (−α for ELU, −λα for SELU, 0 for softplus).
     *
     * @param fn the activation
     * @return the bound; NaN for other families
     */
    public static double bound(IActivation fn) {
        if (fn instanceof ActivationRationalTanh) {
            return RATIONAL_TANH_BOUND;
        }
        if (fn instanceof ActivationTanH || fn instanceof ActivationHardTanH || fn instanceof ActivationSoftSign) {
            return 1.0;
        }
        if (fn instanceof ActivationELU) {
            return -((ActivationELU) fn).getAlpha();
        }
        if (fn instanceof ActivationSELU) {
            return SELU_LOWER;
        }
        if (fn instanceof ActivationSoftPlus) {
            return 0.0;
        }
        return Double.NaN;
    }
}
