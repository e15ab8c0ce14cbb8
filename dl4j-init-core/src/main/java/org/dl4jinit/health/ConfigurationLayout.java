package org.dl4jinit.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * A configuration's layers as the listener will see them once a network is built from it — the same
 * {@link LayerInfo}s, in the same order, with the same readers — and the listener's rules applied to figures
 * predicted for them rather than measured. The signal-propagation analysis
 * ({@code org.dl4jinit.propagation}) judges its predictions here, so a predicted figure gets the verdict the same
 * measured figure would get at a first checked iteration. Immutable.
 */
public final class ConfigurationLayout {

    private final ModelLayout layout;

    private ConfigurationLayout(ModelLayout layout) {
        this.layout = layout;
    }

    /**
     * @param conf a multi-layer configuration
     * @return its layout
     * @throws IllegalArgumentException if the configuration is null
     */
    public static ConfigurationLayout of(MultiLayerConfiguration conf) {
        if (conf == null) {
            throw new IllegalArgumentException("conf must not be null");
        }
        return new ConfigurationLayout(ModelLayout.of(conf));
    }

    /**
     * @param conf a graph configuration
     * @return its layout, every non-input vertex in the graph's topological order
     * @throws IllegalArgumentException if the configuration is null
     */
    public static ConfigurationLayout of(ComputationGraphConfiguration conf) {
        if (conf == null) {
            throw new IllegalArgumentException("conf must not be null");
        }
        return new ConfigurationLayout(ModelLayout.of(conf));
    }

    /** @return the layers in depth order, as health reports will list them */
    public List<LayerInfo> layers() {
        return layout.layers();
    }

    /**
     * {@link Figure#SYMMETRIC_UNITS} per layer by the listener's rule, for weights known to be all equal (a
     * constant initializer, equal biases) or not.
     *
     * @param constantWeights per layer, the value of all its weights if they are all equal, else NaN
     * @return per layer 1 (identical units that stay identical), 0, or NaN without weights
     * @throws IllegalArgumentException if there is not one value per layer
     */
    public double[] symmetricUnits(double[] constantWeights) {
        if (constantWeights == null || constantWeights.length != layout.layers().size()) {
            throw new IllegalArgumentException("constantWeights must have one value per layer ("
                    + layout.layers().size() + "), had " + (constantWeights == null ? "null" : constantWeights.length));
        }
        return HealthState.symmetricUnits(layout, constantWeights.clone());
    }

    /**
     * The findings the listener's rules make of per-layer figures at a first checked iteration (no previous
     * verdicts, no warm-up, no persistence, undiagnosed). The depth ratios ({@link Figure#SCALE_RATIO},
     * {@link Figure#GRADIENT_RATIO}) are derived first and written into {@code figures}.
     *
     * @param figures      per layer, figures indexed by {@link Figure#ordinal()}; NaN for "not known"
     * @param referenceStd the network input's activation std (the scale-collapse reference)
     * @param thresholds   the listener's thresholds
     * @return per layer, its findings
     * @throws IllegalArgumentException if there is not one row of {@link Figure#count()} figures per layer
     */
    public List<List<Violation>> judge(double[][] figures, double referenceStd, HealthThresholds thresholds) {
        List<LayerInfo> layers = layout.layers();
        if (figures == null || figures.length != layers.size()) {
            throw new IllegalArgumentException("figures must have one row per layer (" + layers.size() + "), had "
                    + (figures == null ? "null" : figures.length));
        }
        for (double[] row : figures) {
            if (row == null || row.length != Figure.count()) {
                throw new IllegalArgumentException("every figures row must have " + Figure.count()
                        + " values, had " + (row == null ? "null" : row.length));
            }
        }
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds must not be null");
        }
        HealthRules.depthRatios(layers, figures, referenceStd);
        List<List<Violation>> out = new ArrayList<>(layers.size());
        Verdict[] previous = new Verdict[HealthRules.Rule.count()];
        for (LayerInfo info : layers) {
            Arrays.fill(previous, Verdict.HEALTHY);
            out.add(HealthRules.evaluate(info, figures[info.index()], thresholds, previous));
        }
        return out;
    }

    @Override
    public String toString() {
        return "ConfigurationLayout(" + layout.modelClass() + ", " + layout.layers().size() + " layers)";
    }
}
