package org.dl4jinit.health;

import java.io.Serializable;
import java.util.List;

/** One layer in one {@link HealthReport}: what it is, what was measured, the verdict and why. Immutable. */
public final class LayerHealth implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LayerInfo info;
    private final double[] figures;
    private final Verdict verdict;
    private final List<Violation> violations;

    LayerHealth(LayerInfo info, double[] figures, List<Violation> violations) {
        this.info = info;
        this.figures = figures.clone();
        this.violations = List.copyOf(violations);
        Verdict v = Verdict.HEALTHY;
        for (Violation violation : this.violations) {
            v = v.worst(violation.verdict());
        }
        this.verdict = v;
    }

    /** @return the layer */
    public LayerInfo layer() {
        return info;
    }

    /** @return the layer's name (index for MultiLayerNetwork, vertex name for ComputationGraph) */
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

    /** @return the worst verdict among the layer's violations */
    public Verdict verdict() {
        return verdict;
    }

    /** @return the findings for this layer */
    public List<Violation> violations() {
        return violations;
    }

    @Override
    public String toString() {
        return info.describe() + ": " + verdict;
    }
}
