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

    /** @return the layout itself (for tests in this package) */
    ModelLayout layout() {
        return layout;
    }

    /** @return the number of network inputs (1 for a multi-layer configuration), in the configuration's order */
    public int inputCount() {
        return layout.inputCount();
    }

    /**
     * The findings the listener's rules make of per-layer figures at a first checked iteration (no previous
     * verdicts, no warm-up, no persistence, undiagnosed), with the listener's rules: layers without weights and
     * without an activation of their own are not judged on their values, a rectifier's zeros stay a rectifier's
     * through them, each layer's scale is judged against the network inputs it derives from, and per-unit figures
     * need a minimum batch. The depth ratios ({@link Figure#SCALE_RATIO},
     * {@link Figure#GRADIENT_RATIO}) are derived first and written into {@code figures}; below the minimum batch
     * the per-unit figures ({@link Figure#DEAD_UNITS}, {@link Figure#SATURATED_UNITS}) are set to NaN, as the
     * listener leaves them.
     *
     * @param figures    per layer, figures indexed by {@link Figure#ordinal()}; NaN for "not known"
     * @param inputStd   per network input ({@link #inputCount()}), the std of its values
     * @param inputWidth per network input, its values per example (NaN if unknown)
     * @param width      per layer, its values per example (NaN if unknown)
     * @param batchSize  examples per batch
     * @param thresholds the listener's thresholds
     * @return per layer, its findings
     * @throws IllegalArgumentException if an array does not have one entry per layer or input, or
     *                                  {@code batchSize} &lt; 1
     */
    public List<List<Violation>> judge(double[][] figures, double[] inputStd, double[] inputWidth, double[] width,
            int batchSize, HealthThresholds thresholds) {
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
        requireLength("inputStd", inputStd, layout.inputCount(), "network input");
        requireLength("inputWidth", inputWidth, layout.inputCount(), "network input");
        requireLength("width", width, layers.size(), "layer");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds must not be null");
        }
        if (!HealthRules.perUnit(batchSize, thresholds)) {
            for (double[] row : figures) {
                row[Figure.DEAD_UNITS.ordinal()] = Double.NaN;
                row[Figure.SATURATED_UNITS.ordinal()] = Double.NaN;
            }
        }
        HealthRules.depthRatios(layout, figures, inputStd, inputWidth, width, new double[layers.size()]);
        List<List<Violation>> out = new ArrayList<>(layers.size());
        Verdict[] previous = new Verdict[HealthRules.Rule.count()];
        for (LayerInfo info : layers) {
            Arrays.fill(previous, Verdict.HEALTHY);
            out.add(HealthRules.evaluate(info, figures[info.index()], thresholds, previous));
        }
        return out;
    }

    private static void requireLength(String name, double[] values, int length, String per) {
        if (values == null || values.length != length) {
            throw new IllegalArgumentException(name + " must have one value per " + per + " (" + length + "), had "
                    + (values == null ? "null" : values.length));
        }
    }

    @Override
    public String toString() {
        return "ConfigurationLayout(" + layout.modelClass() + ", " + layout.layers().size() + " layers)";
    }
}
