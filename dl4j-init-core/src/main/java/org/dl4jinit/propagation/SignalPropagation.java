package org.dl4jinit.propagation;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * Predicts, from a configuration alone, what the health listener will measure at the first iteration: per layer
 * the activation mean and std, the fractions of zero and saturated values, dead and saturated units, the gradient
 * RMS and its ratio to the top layer's, the gain χ, and the verdicts of condition 1, condition 2 and the gradients.
 * No network is built and nothing is run forward: the mean-field recursion of Poole et al. 2016 is evaluated layer
 * by layer (see the package documentation).
 *
 * <pre>{@code
 * PropagationReport r = SignalPropagation.analyze(conf, 1.0);        // standardized inputs
 * System.out.println(r.toTable());
 * if (r.verdict(HealthCondition.Group.CONDITION_2_NOT_ZERO) == Verdict.FAILING) ...
 *
 * PropagationReport m = SignalPropagation.analyze(conf, PropagationOptions.builder()
 *         .input(InputMoments.of(sample.getFeatures()))              // measured input moments
 *         .batchSize(128).build());
 * }</pre>
 */
public final class SignalPropagation {

    private SignalPropagation() {
    }

    /**
     * @param conf          a multi-layer configuration
     * @param inputVariance the variance of the (independent, zero-mean) input values, finite and &gt;= 0
     * @return the prediction
     * @throws IllegalArgumentException if the configuration is null or the variance breaks its rule
     */
    public static PropagationReport analyze(MultiLayerConfiguration conf, double inputVariance) {
        return analyze(conf, PropagationOptions.builder().inputVariance(inputVariance).build());
    }

    /**
     * @param conf          a graph configuration
     * @param inputVariance the variance of the (independent, zero-mean) input values, finite and &gt;= 0
     * @return the prediction
     * @throws IllegalArgumentException if the configuration is null or the variance breaks its rule
     */
    public static PropagationReport analyze(ComputationGraphConfiguration conf, double inputVariance) {
        return analyze(conf, PropagationOptions.builder().inputVariance(inputVariance).build());
    }

    /**
     * @param conf    a multi-layer configuration
     * @param options input moments, batch size, thresholds, input type, assumptions
     * @return the prediction
     * @throws IllegalArgumentException if an argument is null or more than one input type is given
     */
    public static PropagationReport analyze(MultiLayerConfiguration conf, PropagationOptions options) {
        if (conf == null) {
            throw new IllegalArgumentException("conf must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        InputType[] types = options.inputTypes();
        if (types != null && types.length != 1) {
            throw new IllegalArgumentException("a MultiLayerConfiguration has one input: inputTypes must hold one "
                    + "type, had " + types.length);
        }
        return new Propagator(Topology.of(conf, types == null ? null : types[0]), options).run();
    }

    /**
     * @param conf    a graph configuration
     * @param options input moments, batch size, thresholds, input types, assumptions
     * @return the prediction
     * @throws IllegalArgumentException if an argument is null or the input types do not match the inputs
     */
    public static PropagationReport analyze(ComputationGraphConfiguration conf, PropagationOptions options) {
        if (conf == null) {
            throw new IllegalArgumentException("conf must not be null");
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        InputType[] types = options.inputTypes();
        if (types != null && types.length != conf.getNetworkInputs().size()) {
            throw new IllegalArgumentException("inputTypes must hold one type per network input ("
                    + conf.getNetworkInputs().size() + "), had " + types.length);
        }
        return new Propagator(Topology.of(conf, types), options).run();
    }
}
