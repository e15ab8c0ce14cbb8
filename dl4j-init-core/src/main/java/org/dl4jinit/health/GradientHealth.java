package org.dl4jinit.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The pre-flight check: one forward and one backward pass on a batch, no parameter update, and the same
 * {@link HealthReport} the listener gives during training (without the update:parameter ratio, since nothing
 * is updated). Print it with {@link HealthReport#toTable()}.
 *
 * <pre>{@code
 * HealthReport r = GradientHealth.check(net, trainIter);
 * System.out.println(r.toTable());
 * if (r.isFailing()) {            // a WARNING is worth a look, not a reason to stop
 *     throw new IllegalStateException(r.headline().get().message());
 * }
 * }</pre>
 *
 * <p>Batches may be any {@link DataSet} or {@link MultiDataSet} implementation (the ND4J interfaces), or the
 * first batch of an iterator.
 *
 * <p>Side effects: the model's input, labels, gradient and score are those of the batch afterwards (as after
 * {@code computeGradientAndScore()}); its parameters, updater state and iteration count are untouched, and its
 * listeners are restored.
 */
public final class GradientHealth {

    private GradientHealth() {
    }

    /**
     * Checks with the default thresholds.
     *
     * @param model a MultiLayerNetwork or single-input, single-output ComputationGraph
     * @param batch a batch of features and labels
     * @return the report
     */
    public static HealthReport check(Model model, DataSet batch) {
        return check(model, batch, HealthConfig.builder().onWarning().onFailing().build());
    }

    /**
     * Checks the first batch of an iterator (reset first if it supports reset; left positioned after that
     * batch), with the default thresholds.
     *
     * @param model    a MultiLayerNetwork or single-input, single-output ComputationGraph
     * @param iterator the data
     * @return the report
     * @throws IllegalArgumentException for a null or empty iterator, or as {@link #check(Model, DataSet)}
     */
    public static HealthReport check(Model model, DataSetIterator iterator) {
        return check(model, first(iterator, iterator != null && iterator.resetSupported(), () -> iterator.reset()));
    }

    /**
     * Checks the first batch of an iterator (reset first if it supports reset; left positioned after that
     * batch), with the default thresholds.
     *
     * @param graph    a ComputationGraph
     * @param iterator the data
     * @return the report
     * @throws IllegalArgumentException for a null or empty iterator, or as
     *                                  {@link #check(Model, MultiDataSet, HealthConfig)}
     */
    public static HealthReport check(Model graph, MultiDataSetIterator iterator) {
        return check(graph, first(iterator, iterator != null && iterator.resetSupported(), () -> iterator.reset()),
                HealthConfig.builder().onWarning().onFailing().build());
    }

    /** The first batch of an iterator, reset first if it can be. */
    private static <T> T first(java.util.Iterator<T> iterator, boolean resettable, Runnable reset) {
        if (iterator == null) {
            throw new IllegalArgumentException("iterator must not be null");
        }
        if (resettable) {
            reset.run();
        }
        if (!iterator.hasNext()) {
            throw new IllegalArgumentException("the iterator is empty: the check needs one batch of data");
        }
        return iterator.next();
    }

    /**
     * @param model  a MultiLayerNetwork or single-input, single-output ComputationGraph
     * @param batch  a batch of features and labels
     * @param config thresholds (and clock); frequency, warm-up and policies do not apply
     * @return the report
     * @throws IllegalArgumentException for another model type, a null or empty batch
     */
    public static HealthReport check(Model model, DataSet batch, HealthConfig config) {
        if (batch == null || batch.getFeatures() == null || batch.getLabels() == null || batch.numExamples() == 0) {
            throw new IllegalArgumentException("batch must have features and labels for at least one example, was "
                    + (batch == null ? "null" : batch.numExamples() + " examples"));
        }
        if (model instanceof ComputationGraph) {
            return check(model, batch.toMultiDataSet(), config);
        }
        if (!(model instanceof MultiLayerNetwork)) {
            ModelLayout.of(model); // throws the standard message
        }
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        return probe(net, config, () -> {
            net.setInput(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.setLayerMaskArrays(batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
            net.computeGradientAndScore();
        });
    }

    /**
     * @param graph  a ComputationGraph
     * @param batch  a batch with one features and labels array per graph input and output
     * @param config thresholds (and clock)
     * @return the report
     */
    public static HealthReport check(Model graph, MultiDataSet batch, HealthConfig config) {
        if (!(graph instanceof ComputationGraph)) {
            throw new IllegalArgumentException("a MultiDataSet batch needs a ComputationGraph, was "
                    + (graph == null ? "null" : graph.getClass().getName()));
        }
        if (batch == null || batch.getFeatures() == null || batch.getLabels() == null) {
            throw new IllegalArgumentException("batch must have features and labels, was " + batch);
        }
        ComputationGraph cg = (ComputationGraph) graph;
        return probe(cg, config, () -> {
            cg.setInputs(batch.getFeatures());
            cg.setLabels(batch.getLabels());
            cg.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
            cg.computeGradientAndScore();
        });
    }

    private static HealthReport probe(Model model, HealthConfig config, Runnable forwardBackward) {
        HealthConfig quiet = HealthConfig.builder().thresholds(config.thresholds()).clock(config.clock())
                .onWarning().onFailing().build();
        HealthState state = new HealthState(quiet);
        state.prepare(model);
        Collection<TrainingListener> original = new ArrayList<>(listeners(model));
        List<TrainingListener> probe = List.of(new ForwardProbe(state));
        setListeners(model, probe);
        try {
            forwardBackward.run();
        } finally {
            setListeners(model, original);
        }
        state.gradients(model);
        return state.finish(model, "preflight", "0", 0);
    }

    private static Collection<TrainingListener> listeners(Model model) {
        return model instanceof MultiLayerNetwork ? ((MultiLayerNetwork) model).getListeners()
                : ((ComputationGraph) model).getListeners();
    }

    private static void setListeners(Model model, Collection<TrainingListener> listeners) {
        if (model instanceof MultiLayerNetwork) {
            ((MultiLayerNetwork) model).setListeners(listeners);
        } else {
            ((ComputationGraph) model).setListeners(listeners);
        }
    }

    /** Collects the forward-pass figures into a state; the check does the rest itself. */
    private static final class ForwardProbe extends org.deeplearning4j.optimize.api.BaseTrainingListener {
        private final transient HealthState state;

        ForwardProbe(HealthState state) {
            this.state = state;
        }

        @Override
        public void onForwardPass(Model model, List<org.nd4j.linalg.api.ndarray.INDArray> activations) {
            state.begin(model);
            state.activations(activations);
        }

        @Override
        public void onForwardPass(Model model, java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> acts) {
            state.begin(model);
            state.activations(acts);
        }
    }
}
