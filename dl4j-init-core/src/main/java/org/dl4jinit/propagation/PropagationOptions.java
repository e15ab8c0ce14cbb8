package org.dl4jinit.propagation;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthThresholds;

/**
 * What the analysis assumes besides the configuration: the input's moments, the batch size (per-unit figures and
 * the finite-width band depend on it), the listener's thresholds (so predicted verdicts are judged as measured ones
 * will be), the input type (needed for convolution layers' positions), the width of the band, and
 * the output of layers it cannot model. Immutable; built by {@link #builder()}.
 */
public final class PropagationOptions {

    /** The default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** The default band: ± this many standard deviations of the finite-width fluctuation of log std. */
    public static final double DEFAULT_BAND = 3;

    private final InputMoments input;
    private final int batchSize;
    private final HealthThresholds thresholds;
    private final InputType[] inputTypes;
    private final double band;
    private final Map<String, double[]> assumed;

    private PropagationOptions(Builder b) {
        this.input = b.input;
        this.batchSize = b.batchSize;
        this.thresholds = b.thresholds;
        this.inputTypes = b.inputTypes == null ? null : b.inputTypes.clone();
        this.band = b.band;
        this.assumed = Collections.unmodifiableMap(new LinkedHashMap<>(b.assumed));
    }

    /** @return a builder with the defaults (input variance 1, batch {@value #DEFAULT_BATCH_SIZE}) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the input's moments */
    public InputMoments input() {
        return input;
    }

    /** @return the batch size */
    public int batchSize() {
        return batchSize;
    }

    /** @return the thresholds predictions are judged with */
    public HealthThresholds thresholds() {
        return thresholds;
    }

    /** @return the input types, or null to infer them from the configuration */
    public InputType[] inputTypes() {
        return inputTypes == null ? null : inputTypes.clone();
    }

    /** @return the band half-width in standard deviations of log std */
    public double band() {
        return band;
    }

    /** @return per layer name, the assumed {mean, variance} of its output */
    public Map<String, double[]> assumedOutputs() {
        return assumed;
    }

    /** Builds {@link PropagationOptions}; every setter validates at once. */
    public static final class Builder {
        private InputMoments input = InputMoments.ofVariance(1);
        private int batchSize = DEFAULT_BATCH_SIZE;
        private HealthThresholds thresholds = HealthThresholds.defaults();
        private InputType[] inputTypes;
        private double band = DEFAULT_BAND;
        private final Map<String, double[]> assumed = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param moments assumed ({@link InputMoments#ofVariance}) or measured ({@link InputMoments#of}) input moments
         * @return this builder
         */
        public Builder input(InputMoments moments) {
            if (moments == null) {
                throw new IllegalArgumentException("input must not be null");
            }
            this.input = moments;
            return this;
        }

        /**
         * @param variance the variance of independent zero-mean inputs, finite and &gt;= 0
         * @return this builder
         */
        public Builder inputVariance(double variance) {
            return input(InputMoments.ofVariance(variance));
        }

        /**
         * @param size examples per batch, &gt;= 1
         * @return this builder
         */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * @param t the thresholds the listener will use
         * @return this builder
         */
        public Builder thresholds(HealthThresholds t) {
            if (t == null) {
                throw new IllegalArgumentException("thresholds must not be null");
            }
            this.thresholds = t;
            return this;
        }

        /**
         * Takes the thresholds from the listener's configuration.
         *
         * @param config the listener's configuration
         * @return this builder
         */
        public Builder health(HealthConfig config) {
            if (config == null) {
                throw new IllegalArgumentException("health config must not be null");
            }
            this.thresholds = config.thresholds();
            return this;
        }

        /**
         * @param types one input type per network input (e.g. {@code InputType.convolutional(28, 28, 1)});
         *              without them they are inferred from a first dense layer or an input preprocessor
         * @return this builder
         */
        public Builder inputTypes(InputType... types) {
            if (types == null || types.length == 0 || Arrays.asList(types).contains(null)) {
                throw new IllegalArgumentException("inputTypes must name one non-null type per network input, was "
                        + Arrays.toString(types));
            }
            this.inputTypes = types.clone();
            return this;
        }

        /**
         * @param deviations the band's half-width in standard deviations of log std, finite and &gt; 0
         * @return this builder
         */
        public Builder band(double deviations) {
            if (!(deviations > 0) || !Double.isFinite(deviations)) {
                throw new IllegalArgumentException("band must be finite and > 0 standard deviations, was "
                        + deviations);
            }
            this.band = deviations;
            return this;
        }

        /**
         * The output of a layer the analysis cannot model (a measured or assumed value); used only for such
         * layers.
         *
         * @param layer    the layer's name (index for a MultiLayerConfiguration, vertex name for a graph)
         * @param mean     the mean of its output values, finite
         * @param variance their variance, finite and &gt;= 0
         * @return this builder
         */
        public Builder assumeOutput(String layer, double mean, double variance) {
            if (layer == null || layer.isEmpty()) {
                throw new IllegalArgumentException("layer must name a layer, was " + layer);
            }
            if (!Double.isFinite(mean)) {
                throw new IllegalArgumentException("mean of layer " + layer + " must be finite, was " + mean);
            }
            if (!(variance >= 0) || !Double.isFinite(variance)) {
                throw new IllegalArgumentException("variance of layer " + layer + " must be finite and >= 0, was "
                        + variance);
            }
            assumed.put(layer, new double[] {mean, variance});
            return this;
        }

        /** @return the options */
        public PropagationOptions build() {
            return new PropagationOptions(this);
        }
    }
}
