package org.dl4jinit.propagation;

import java.io.Serializable;
import java.util.List;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;

/**
 * One layer of a {@link PropagationReport}: the predicted figures in the listener's units ({@link #get(Figure)};
 * NaN where the listener reports nothing or the analysis cannot say), the mean-field quantities behind them —
 * the pre-activation mean and variance q, the gradient gain χ and the cumulative gain from the top — the
 * finite-width band of the activation std, the findings the listener's rules make of the predicted figures, and
 * how the prediction was made. Immutable.
 */
public final class LayerPrediction implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LayerInfo layer;
    private final Modelling modelling;
    private final String note;
    private final String weights;
    private final double weightGain;
    private final double preActivationMean;
    private final double preActivationVariance;
    private final double[] figures;
    private final double chi;
    private final double cumulativeGain;
    private final double stdLow;
    private final double stdHigh;
    private final List<Violation> violations;
    private final Verdict verdict;

    LayerPrediction(LayerInfo layer, Modelling modelling, String note, String weights, double weightGain,
            double preActivationMean, double preActivationVariance, double[] figures, double chi,
            double cumulativeGain, double stdLow, double stdHigh, List<Violation> violations) {
        this.layer = layer;
        this.modelling = modelling;
        this.note = note;
        this.weights = weights;
        this.weightGain = weightGain;
        this.preActivationMean = preActivationMean;
        this.preActivationVariance = preActivationVariance;
        this.figures = figures.clone();
        this.chi = chi;
        this.cumulativeGain = cumulativeGain;
        this.stdLow = stdLow;
        this.stdHigh = stdHigh;
        this.violations = List.copyOf(violations);
        Verdict v = Verdict.HEALTHY;
        for (Violation x : this.violations) {
            v = v.worst(x.verdict());
        }
        this.verdict = v;
    }

    /** @return the layer, as the listener names it */
    public LayerInfo layer() {
        return layer;
    }

    /** @return the layer's name (index for a MultiLayerConfiguration, vertex name for a graph) */
    public String name() {
        return layer.name();
    }

    /** @return how the prediction was made */
    public Modelling modelling() {
        return modelling;
    }

    /** @return the approximations and assumptions made for this layer, "" if none */
    public String note() {
        return note;
    }

    /** @return the weights' initializer and variance, "" for layers without weights */
    public String weights() {
        return weights;
    }

    /** @return σ_w²: the variance of a unit's weighted sum per unit input second moment (NaN without weights) */
    public double weightGain() {
        return weightGain;
    }

    /** @return the mean of the pre-activation (the bias), NaN for layers without one */
    public double preActivationMean() {
        return preActivationMean;
    }

    /** @return q, the predicted pre-activation variance (over all examples), NaN for layers without one */
    public double preActivationVariance() {
        return preActivationVariance;
    }

    /**
     * @param figure a figure
     * @return its predicted value, NaN when not predicted
     */
    public double get(Figure figure) {
        return figures[figure.ordinal()];
    }

    /** @return a copy of the predicted figures, indexed by {@link Figure#ordinal()} */
    public double[] figures() {
        return figures.clone();
    }

    /**
     * @return χ: the mean square of the gradient at this layer's pre-activations over that of the next layer's
     *         (in depth order); for equal widths {@code σ_w²·E[φ'(z)²]} of Schoenholz et al. 2017. &lt; 1 vanishes,
     *         &gt; 1 explodes. NaN for layers without weights
     */
    public double chi() {
        return chi;
    }

    /**
     * @return the mean square of the pre-activation gradient here over that of the top (last trainable) layer: the
     *         product of the χ above this layer
     */
    public double cumulativeGain() {
        return cumulativeGain;
    }

    /** @return the predicted activation std */
    public double std() {
        return get(Figure.ACTIVATION_STD);
    }

    /** @return the lower end of the finite-width band of the activation std */
    public double stdLow() {
        return stdLow;
    }

    /** @return the upper end of the finite-width band of the activation std */
    public double stdHigh() {
        return stdHigh;
    }

    /**
     * @param measured a measured activation std
     * @return whether it lies in the band
     */
    public boolean inBand(double measured) {
        return measured >= stdLow && measured <= stdHigh;
    }

    /** @return the findings the listener's rules make of the predicted figures */
    public List<Violation> violations() {
        return violations;
    }

    /** @return the worst predicted verdict of this layer */
    public Verdict verdict() {
        return verdict;
    }

    /**
     * @param group a condition group
     * @return the worst predicted verdict of this layer in that group
     */
    public Verdict verdict(HealthCondition.Group group) {
        Verdict v = Verdict.HEALTHY;
        for (Violation x : violations) {
            if (x.condition().group() == group) {
                v = v.worst(x.verdict());
            }
        }
        return v;
    }

    @Override
    public String toString() {
        return layer.describe() + ": " + verdict + " (" + modelling + ")";
    }
}
