package org.dl4jinit.health;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** One layer in one {@link HealthReport}: what it is, what was measured, the verdict and why. Immutable. */
public final class LayerHealth implements Serializable {

    private static final long serialVersionUID = 2L;

    private final LayerInfo info;
    private final double[] figures;
    private final Verdict verdict;
    private final List<Violation> violations;

    /**
     * @param info       the layer, not null
     * @param figures    the figures, indexed by {@link Figure#ordinal()} (shorter arrays read NaN for the rest)
     * @param measured   false for a layer downstream of a divergence: its verdict is
     *                   {@link Verdict#NOT_MEASURED} and it has no findings
     * @param violations the findings for this layer, not null
     * @throws IllegalArgumentException for a null argument, or findings on a layer that was not measured
     */
    public LayerHealth(LayerInfo info, double[] figures, boolean measured, List<Violation> violations) {
        if (info == null || figures == null || violations == null) {
            throw new IllegalArgumentException("info, figures and violations must not be null");
        }
        if (!measured && !violations.isEmpty()) {
            throw new IllegalArgumentException("a layer that was not measured has no findings, was given "
                    + violations.size());
        }
        this.info = info;
        this.figures = java.util.Arrays.copyOf(figures, Figure.count());
        for (int f = figures.length; f < this.figures.length; f++) {
            this.figures[f] = Double.NaN;
        }
        this.violations = List.copyOf(violations);
        Verdict v = measured ? Verdict.HEALTHY : Verdict.NOT_MEASURED;
        for (Violation violation : this.violations) {
            v = v.worst(violation.verdict());
        }
        this.verdict = v;
    }

    /** @return the layer */
    public LayerInfo layer() {
        return info;
    }

    /** @return the layer's name (see {@link LayerInfo#name()}) */
    public String name() {
        return info.name();
    }

    /** @return the layer configuration's type, e.g. "DenseLayer" */
    public String type() {
        return info.type();
    }

    /** @return the activation function, "none" if the layer has none */
    public String activation() {
        return info.activation();
    }

    /**
     * @param figure what to read
     * @return the measured value, NaN when not measured
     */
    public double get(Figure figure) {
        return figures[figure.ordinal()];
    }

    /** @return a copy of all figures, indexed by {@link Figure#ordinal()} */
    public double[] figures() {
        return figures.clone();
    }

    /** @return the worst verdict among the layer's findings; NOT_MEASURED downstream of a divergence */
    public Verdict verdict() {
        return verdict;
    }

    /** @return whether the layer was measured (false downstream of a divergence) */
    public boolean measured() {
        return verdict != Verdict.NOT_MEASURED;
    }

    /** @return the findings for this layer */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * The layer's own headline: among its findings, the one {@link HealthReport#headline()} would name if this
     * layer were the only one (FAILING first, then a divergence, then the most specific cause). What the page
     * shows in the layer's row.
     *
     * @return the layer's headline finding, empty when it has none
     */
    public Optional<Violation> headline() {
        return Optional.ofNullable(Diagnoser.headline(violations));
    }

    @Override
    public String toString() {
        return info.describe() + ": " + verdict.label();
    }
}
