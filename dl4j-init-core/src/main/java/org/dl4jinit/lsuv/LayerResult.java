package org.dl4jinit.lsuv;

import java.io.Serializable;
import java.util.Objects;
import org.dl4jinit.health.LayerInfo;

/**
 * What LSUV did to one layer (or graph vertex): how many times it rescaled the weights, the variance of the
 * layer's pre-activation output before and after, and, for a skipped layer, why. Immutable.
 */
public final class LayerResult implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The outcome for a layer. */
    public enum Status {
        /** The output variance is within tolerance of 1 (possibly without any rescaling). */
        CONVERGED,
        /**
         * The weights were rescaled {@code maxIterations} times but the output variance is still outside the
         * tolerance (e.g. a large bias dominates the output); {@link #finalVariance()} says how far.
         */
        APPLIED,
        /** The weights were not rescaled; {@link #reason()} says why. */
        SKIPPED
    }

    private final LayerInfo layer;
    private final Status status;
    private final int iterations;
    private final double initialVariance;
    private final double finalVariance;
    private final String reason;

    LayerResult(LayerInfo layer, Status status, int iterations, double initialVariance, double finalVariance,
            String reason) {
        this.layer = layer;
        this.status = status;
        this.iterations = iterations;
        this.initialVariance = initialVariance;
        this.finalVariance = finalVariance;
        this.reason = reason == null ? "" : reason;
    }

    static LayerResult skipped(LayerInfo layer, double variance, String reason) {
        return new LayerResult(layer, Status.SKIPPED, 0, variance, variance, reason);
    }

    /** @return the layer, described as health reports, records and the UI describe it */
    public LayerInfo layer() {
        return layer;
    }

    /** @return {@code layer().index()}: the layer's position in depth (topological) order */
    public int index() {
        return layer.index();
    }

    /** @return {@code layer().name()}: its configured name, else its index (see {@link LayerInfo#name()}) */
    public String name() {
        return layer.name();
    }

    /** @return {@code layer().type()}: the simple class name of the layer configuration, e.g. "DenseLayer" */
    public String type() {
        return layer.type();
    }

    /** @return the outcome */
    public Status status() {
        return status;
    }

    /** @return whether the layer's weights were rescaled or found within tolerance (not skipped) */
    public boolean processed() {
        return status != Status.SKIPPED;
    }

    /** @return the number of times the weights were rescaled (0 if already within tolerance or skipped) */
    public int iterations() {
        return iterations;
    }

    /**
     * @return the variance of the pre-activation output after pre-initialization, before any rescaling; NaN if
     *         it was not measured
     */
    public double initialVariance() {
        return initialVariance;
    }

    /** @return the variance of the pre-activation output after the last rescaling; NaN if not measured */
    public double finalVariance() {
        return finalVariance;
    }

    /** @return why the layer was skipped, or "" */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LayerResult)) {
            return false;
        }
        LayerResult r = (LayerResult) o;
        return iterations == r.iterations && layer.equals(r.layer) && status == r.status
                && Double.compare(initialVariance, r.initialVariance) == 0
                && Double.compare(finalVariance, r.finalVariance) == 0 && reason.equals(r.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layer, status, iterations, initialVariance, finalVariance, reason);
    }

    @Override
    public String toString() {
        return "LayerResult(" + layer.describe() + ": " + status
                + ", iterations=" + iterations + ", variance " + initialVariance + " -> " + finalVariance
                + (reason.isEmpty() ? "" : ", reason=" + reason) + ")";
    }
}
