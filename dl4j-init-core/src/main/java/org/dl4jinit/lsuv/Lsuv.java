package org.dl4jinit.lsuv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.init.OrthogonalInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layer-sequential unit-variance (LSUV) initialization (Mishkin &amp; Matas, "All you need is a good init",
 * ICLR 2016, Algorithm 1) for a {@link MultiLayerNetwork} or {@link ComputationGraph}. See the
 * {@linkplain org.dl4jinit.lsuv package documentation} for the algorithm and the choices made.
 *
 * <pre>{@code
 * LsuvReport report = Lsuv.builder().build().apply(net, trainIter);
 * System.out.println(report.toTable());
 * }</pre>
 *
 * <p>Immutable and thread-safe; one instance may be applied to many models (a model itself must not be used
 * by another thread while LSUV runs on it).
 */
public final class Lsuv {

    /** Default tolerance on |Var − 1|: 0.1, as in the paper. */
    public static final double DEFAULT_TOLERANCE = 0.1;
    /** Default maximum number of rescalings per layer: 10, as in the paper. */
    public static final int DEFAULT_MAX_ITERATIONS = 10;
    /** Output variances at or below this are treated as zero (a dead layer): no rescaling. */
    public static final double DEAD_VARIANCE = 1e-12;

    private static final Logger log = LoggerFactory.getLogger(Lsuv.class);
    private static final IActivation IDENTITY = new ActivationIdentity();

    private final double tolerance;
    private final int maxIterations;
    private final IWeightInit preInit;
    private final Long seed;

    private Lsuv(Builder b) {
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
        this.preInit = b.preInit;
        this.seed = b.seed;
    }

    /** @return a builder with the paper's defaults: tolerance 0.1, 10 iterations, orthogonal pre-init */
    public static Builder builder() {
        return new Builder();
    }

    /** @return LSUV with the paper's defaults */
    public static Lsuv defaults() {
        return builder().build();
    }

    /**
     * Runs LSUV on the features of one batch. The labels are not used.
     *
     * @param model a MultiLayerNetwork, or a ComputationGraph with a single input
     * @param batch the batch whose features are forwarded
     * @return the per-layer report
     * @throws IllegalArgumentException for another model type, a null or empty batch, or features containing
     *                                  NaN or infinite values (checked before any weight is touched)
     */
    public LsuvReport apply(Model model, DataSet batch) {
        if (batch == null || batch.getFeatures() == null) {
            throw new IllegalArgumentException("batch must have features, was "
                    + (batch == null ? "null" : "a DataSet without features"));
        }
        return run(model, new INDArray[] {batch.getFeatures()});
    }

    /**
     * Runs LSUV on the first batch of the iterator (reset first if it supports reset; left positioned after
     * that batch).
     *
     * @param model    a MultiLayerNetwork, or a ComputationGraph with a single input
     * @param iterator the data
     * @return the per-layer report
     * @throws IllegalArgumentException for an empty iterator, or as {@link #apply(Model, DataSet)}
     */
    public LsuvReport apply(Model model, DataSetIterator iterator) {
        return apply(model, first(iterator, iterator != null && iterator.resetSupported(), () -> iterator.reset()));
    }

    /**
     * Runs LSUV on a ComputationGraph with one or more inputs.
     *
     * @param graph a ComputationGraph
     * @param batch one features array per graph input
     * @return the per-layer report
     * @throws IllegalArgumentException as {@link #apply(Model, DataSet)}
     */
    public LsuvReport apply(ComputationGraph graph, MultiDataSet batch) {
        if (batch == null || batch.getFeatures() == null) {
            throw new IllegalArgumentException("batch must have features, was "
                    + (batch == null ? "null" : "a MultiDataSet without features"));
        }
        return run(graph, batch.getFeatures());
    }

    /**
     * Runs LSUV on the first batch of a multi-input iterator (reset first if it supports reset; left positioned
     * after that batch).
     *
     * @param graph    a ComputationGraph
     * @param iterator the data
     * @return the per-layer report
     * @throws IllegalArgumentException for a null or empty iterator, or as
     *                                  {@link #apply(ComputationGraph, MultiDataSet)}
     */
    public LsuvReport apply(ComputationGraph graph, MultiDataSetIterator iterator) {
        return apply(graph, first(iterator, iterator != null && iterator.resetSupported(), () -> iterator.reset()));
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
            throw new IllegalArgumentException("the iterator is empty: LSUV needs at least one batch of data");
        }
        return iterator.next();
    }

    private LsuvReport run(Model model, INDArray[] features) {
        long start = System.nanoTime();
        ForwardPlan plan = ForwardPlan.of(model, features.length);
        List<LayerInfo> layers = LayerInfo.layers(model);
        INDArray[] inputs = checkFeatures(features);
        long examples = inputs[0].size(0);
        Nd4j.getRandom().setSeed(seed != null ? seed : plan.seed);
        List<LayerResult> results = new ArrayList<>();
        INDArray[] slots = new INDArray[plan.inputs + plan.nodes.size()];
        System.arraycopy(inputs, 0, slots, 0, inputs.length);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        try {
            if (preInit != null) {
                for (ForwardPlan.Node node : plan.nodes) {
                    if (node.layer != null && node.skipReason == null) {
                        preInitialize(node.layer);
                    }
                }
            }
            for (int j = 0; j < plan.nodes.size(); j++) {
                ForwardPlan.Node node = plan.nodes.get(j);
                INDArray[] in = new INDArray[node.inputs.length];
                for (int k = 0; k < in.length; k++) {
                    in[k] = slots[node.inputs[k]];
                }
                if (node.layer == null) {
                    slots[plan.inputs + j] = node.forward.apply(in, mgr);
                    results.add(LayerResult.skipped(layers.get(j), Double.NaN,
                            "no weights LSUV rescales (" + node.type + ")"));
                    continue;
                }
                Outcome outcome = node.skipReason != null ? null : rescale(node, in, mgr);
                if (outcome == null) {
                    slots[plan.inputs + j] = node.forward.apply(in, mgr);
                    results.add(LayerResult.skipped(layers.get(j), Double.NaN, node.skipReason));
                } else {
                    slots[plan.inputs + j] = outcome.output;
                    results.add(outcome.result(layers.get(j)));
                }
            }
        } finally {
            plan.clear.run();
        }
        LsuvReport report = new LsuvReport(results, tolerance, maxIterations, examples, System.nanoTime() - start);
        log.debug("LSUV done in {} ms: {}", report.nanos() / 1_000_000, report);
        return report;
    }

    /**
     * Iterates one layer on its cached input: measure the variance of its pre-activation output, rescale W by
     * 1/sqrt(var), until within tolerance. Feed-forward and convolution layers are measured by their own forward
     * pass with an identity activation; recurrent layers by their input projection x·W (see
     * {@link RecurrentProjection}).
     */
    private Outcome rescale(ForwardPlan.Node node, INDArray[] in, LayerWorkspaceMgr mgr) {
        BaseLayer conf = (BaseLayer) node.layer.conf().getLayer();
        boolean recurrent = conf instanceof BaseRecurrentLayer;
        IActivation activation = conf.getActivationFn();
        INDArray w = node.layer.getParam("W");
        RecurrentProjection projection = recurrent ? RecurrentProjection.of((BaseRecurrentLayer) conf, in[0]) : null;
        if (recurrent && projection == null) {
            return new Outcome(node.forward.apply(in, mgr), 0, Double.NaN, Double.NaN,
                    "recurrent input of shape " + Arrays.toString(in[0].shape()) + " is not [batch, nIn, time] "
                            + "or [batch, time, nIn] with nIn = " + ((BaseRecurrentLayer) conf).getNIn());
        }
        INDArray z;
        double initial;
        double v;
        int iterations = 0;
        String reason = null;
        if (!recurrent) {
            conf.setActivationFn(IDENTITY);
        }
        try {
            z = recurrent ? projection.apply(w) : node.forward.apply(in, mgr);
            initial = variance(z);
            v = initial;
            while (true) {
                if (z.length() < 2) {
                    reason = "the output has " + z.length() + " value(s); a variance needs at least 2";
                    break;
                }
                if (!Double.isFinite(v)) {
                    reason = "the output variance is " + v + "; weights left as they were";
                    break;
                }
                if (v <= DEAD_VARIANCE) {
                    reason = "dead layer: the output variance is " + v + " (<= " + DEAD_VARIANCE
                            + "), so no rescaling can reach 1; check the weights and the layer's input";
                    break;
                }
                if (Math.abs(v - 1.0) < tolerance || iterations >= maxIterations) {
                    break;
                }
                w.muli(1.0 / Math.sqrt(v));
                iterations++;
                z = recurrent ? projection.apply(w) : node.forward.apply(in, mgr);
                v = variance(z);
            }
        } finally {
            conf.setActivationFn(activation);
        }
        INDArray output = recurrent ? node.forward.apply(in, mgr) : activation.getActivation(z.dup(), false);
        return new Outcome(output, iterations, initial, v, reason);
    }

    private void preInitialize(Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        INDArray w = layer.getParam("W");
        double fanIn;
        double fanOut;
        if (conf instanceof ConvolutionLayer) {
            ConvolutionLayer c = (ConvolutionLayer) conf;
            int[] k = c.getKernelSize();
            int[] s = c.getStride();
            long area = 1;
            long strides = 1;
            for (int i = 0; i < k.length; i++) {
                area *= k[i];
                strides *= s[i];
            }
            fanIn = (double) c.getNIn() * area;
            fanOut = (double) c.getNOut() * area / strides;
        } else if (conf instanceof FeedForwardLayer) {
            fanIn = ((FeedForwardLayer) conf).getNIn();
            fanOut = ((FeedForwardLayer) conf).getNOut();
        } else {
            fanIn = w.size(0);
            fanOut = w.length() / w.size(0);
        }
        INDArray flat = Nd4j.createUninitialized(w.dataType(), w.length());
        INDArray filled = preInit.init(fanIn, fanOut, w.shape(), w.ordering(), flat);
        w.assign(filled);
    }

    private static double variance(INDArray z) {
        return z.var(false).getDouble(0);
    }

    private static INDArray[] checkFeatures(INDArray[] features) {
        INDArray[] out = new INDArray[features.length];
        for (int i = 0; i < features.length; i++) {
            INDArray f = features[i];
            String which = features.length == 1 ? "the features" : "features array " + i;
            if (f == null || f.isEmpty() || f.rank() == 0 || f.size(0) == 0) {
                throw new IllegalArgumentException(which + " must hold at least one example, was "
                        + (f == null ? "null" : Arrays.toString(f.shape())));
            }
            if (BooleanIndexing.or(f, Conditions.isNan())) {
                throw new IllegalArgumentException(which + " contain NaN; LSUV needs finite data (clean or impute "
                        + "the data before initializing)");
            }
            if (BooleanIndexing.or(f, Conditions.isInfinite())) {
                throw new IllegalArgumentException(which + " contain infinite values; LSUV needs finite data");
            }
            if (i > 0 && f.size(0) != out[0].size(0)) {
                throw new IllegalArgumentException("all features arrays must have the same number of examples, "
                        + "array 0 has " + out[0].size(0) + " and array " + i + " has " + f.size(0));
            }
            out[i] = f;
        }
        return out;
    }

    private final class Outcome {
        final INDArray output;
        final int iterations;
        final double initial;
        final double last;
        final String reason;

        Outcome(INDArray output, int iterations, double initial, double last, String reason) {
            this.output = output;
            this.iterations = iterations;
            this.initial = initial;
            this.last = last;
            this.reason = reason;
        }

        LayerResult result(LayerInfo layer) {
            if (reason != null) {
                return LayerResult.skipped(layer, initial, reason);
            }
            LayerResult.Status status = Math.abs(last - 1.0) < tolerance ? LayerResult.Status.CONVERGED
                    : LayerResult.Status.APPLIED;
            return new LayerResult(layer, status, iterations, initial, last, null);
        }
    }

    // ------------------------------------------------------------------------------------------- accessors

    /** @return the tolerance on |Var − 1| */
    public double tolerance() {
        return tolerance;
    }

    /** @return the maximum number of rescalings per layer */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return the pre-initializer, or null if the current weights are kept */
    public IWeightInit preInit() {
        return preInit;
    }

    /** @return the seed set on ND4J's RNG before pre-initialization, or null for the network's own seed */
    public Long seed() {
        return seed;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Lsuv)) {
            return false;
        }
        Lsuv l = (Lsuv) o;
        return Double.compare(tolerance, l.tolerance) == 0 && maxIterations == l.maxIterations
                && Objects.equals(preInit, l.preInit) && Objects.equals(seed, l.seed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tolerance, maxIterations, preInit, seed);
    }

    @Override
    public String toString() {
        return "Lsuv(tolerance=" + tolerance + ", maxIterations=" + maxIterations + ", preInit=" + preInit
                + (seed == null ? "" : ", seed=" + seed) + ")";
    }

    /** Builds an immutable {@link Lsuv}; every setter validates its argument. */
    public static final class Builder {
        private double tolerance = DEFAULT_TOLERANCE;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private IWeightInit preInit = new OrthogonalInit();
        private Long seed;

        private Builder() {
        }

        /**
         * @param tolerance a layer has converged when |Var − 1| &lt; tolerance; in (0, 1)
         * @return this
         * @throws IllegalArgumentException if not in (0, 1)
         */
        public Builder tolerance(double tolerance) {
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1), was " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * @param maxIterations the maximum number of rescalings per layer, &gt;= 1
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
            }
            this.maxIterations = maxIterations;
            return this;
        }

        /**
         * @param preInit the initializer applied to every rescaled layer's weights first (default
         *                {@code new OrthogonalInit()}, the paper's choice), or null to keep the current weights
         * @return this
         */
        public Builder preInit(IWeightInit preInit) {
            this.preInit = preInit;
            return this;
        }

        /**
         * @param seed the seed set on ND4J's RNG before pre-initialization, instead of the network's
         *             configured seed
         * @return this
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @return the immutable LSUV */
        public Lsuv build() {
            return new Lsuv(this);
        }
    }
}
