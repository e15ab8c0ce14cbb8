package org.dl4jinit.propagation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.GaussianNoise;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.dl4jinit.health.ActivationFamily;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.Violation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/**
 * Walks a {@link Topology} forward (moments of every layer's output) and backward (mean squares of the
 * gradients), then judges the predicted figures with the listener's rules. One instance per analysis.
 */
final class Propagator {

    private final Topology topo;
    private final PropagationOptions options;
    private final InputMoments input;
    private final double[] w;
    private final int batch;
    private final double tiny;
    private final double margin;
    private final Map<Topology.Node, Step> steps = new IdentityHashMap<>();
    /** Classes of the (first) network output, for balanced labels when none were measured. */
    private final long classes;

    Propagator(Topology topo, PropagationOptions options) {
        this.topo = topo;
        this.options = options;
        this.input = options.input();
        this.w = input.groupWeights();
        this.batch = options.batchSize();
        this.tiny = ActivationProbe.zeroBelow(topo.dataType);
        this.margin = options.thresholds().saturationMargin();
        long k = 2;
        for (Topology.Node n : topo.nodes) {
            if (n.networkOutput && n.layer instanceof FeedForwardLayer) {
                k = Math.max(2, ((FeedForwardLayer) n.layer).getNOut());
                break;
            }
        }
        this.classes = k;
    }

    PropagationReport run() {
        for (Topology.Node n : topo.nodes) {
            Step s = new Step(n);
            steps.put(n, s);
            if (n.isInput()) {
                s.kind = Step.Kind.INPUT;
                s.out = inputSignal(n);
                continue;
            }
            s.figures = new double[Figure.count()];
            Arrays.fill(s.figures, Double.NaN);
            s.in = n.inputs.isEmpty() ? null : steps.get(n.inputs.get(0)).out;
            if (s.in != null) {
                long[] shape = shape(n.inputType);
                s.in = shape == null ? s.in : s.in.reshaped(shape[0], shape[1]);
            }
            forward(s);
        }
        new Backward(topo, options, steps, classes).run();
        return judge();
    }

    // --- forward --------------------------------------------------------------------------------------------

    private Signal inputSignal(Topology.Node n) {
        long[] shape = shape(n.outputType);
        double noise = input.exampleSpread() / batch;
        double noise0 = input.isBatch() ? 0 : noise;
        return new Signal(input.groupSecondMoments(), input.mean(), new Cross(input.crossExample(),
                input.crossSameLabel(), input.crossUnit(), input.neighbor()), 0, null, null, null, noise0,
                shape == null ? -1 : shape[0],
                shape == null ? 1 : shape[1], n.name);
    }

    /** {units, positions} of an activation type, or null when unknown. */
    private static long[] shape(InputType t) {
        if (t == null) {
            return null;
        }
        if (t instanceof InputType.InputTypeFeedForward) {
            return new long[] {((InputType.InputTypeFeedForward) t).getSize(), 1};
        }
        if (t instanceof InputType.InputTypeConvolutional) {
            InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) t;
            return new long[] {c.getChannels(), c.getHeight() * c.getWidth()};
        }
        if (t instanceof InputType.InputTypeConvolutionalFlat) {
            return new long[] {((InputType.InputTypeConvolutionalFlat) t).getFlattenedSize(), 1};
        }
        if (t instanceof InputType.InputTypeRecurrent) {
            InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) t;
            return new long[] {r.getSize(), Math.max(1, r.getTimeSeriesLength())};
        }
        if (t instanceof InputType.InputTypeConvolutional3D) {
            InputType.InputTypeConvolutional3D c = (InputType.InputTypeConvolutional3D) t;
            return new long[] {c.getChannels(), c.getDepth() * c.getHeight() * c.getWidth()};
        }
        return null;
    }

    private void forward(Step s) {
        Topology.Node n = s.node;
        if (n.vertex != null) {
            vertex(s);
            return;
        }
        Layer l = n.layer;
        Class<?> c = l.getClass();
        if (c == DenseLayer.class || l instanceof BaseOutputLayer && l instanceof FeedForwardLayer
                && !(l instanceof ConvolutionLayer) || c == EmbeddingLayer.class || c == EmbeddingSequenceLayer.class
                || c == ConvolutionLayer.class || c == Convolution1DLayer.class
                || c == org.deeplearning4j.nn.conf.layers.Convolution2D.class
                || c == org.deeplearning4j.nn.conf.layers.Convolution1D.class) {
            weighted(s, (FeedForwardLayer) l);
        } else if (c == ActivationLayer.class) {
            activationLayer(s, ((ActivationLayer) l).getActivationFn());
        } else if (c == BatchNormalization.class) {
            batchNorm(s, (BatchNormalization) l);
        } else if (c == DropoutLayer.class) {
            dropoutLayer(s, l.getIDropout());
        } else if (c == SubsamplingLayer.class || c == Subsampling1DLayer.class) {
            SubsamplingLayer p = (SubsamplingLayer) l;
            pool(s, p.getPoolingType(), window(p.getKernelSize()), stride(p.getStride()));
        } else if (c == GlobalPoolingLayer.class) {
            globalPool(s, ((GlobalPoolingLayer) l).getPoolingType());
        } else if (c == LossLayer.class) {
            lossLayer(s, (LossLayer) l);
        } else {
            assumed(s, l.getClass().getSimpleName() + " is not modelled");
        }
    }

    private static long window(int[] k) {
        long m = 1;
        for (int x : k) {
            m *= x;
        }
        return m;
    }

    private static long stride(int[] st) {
        return window(st);
    }

    /** Dense, output, embedding and convolution layers: a weighted sum, a bias, an activation. */
    private void weighted(Step s, FeedForwardLayer l) {
        Topology.Node n = s.node;
        s.kind = Step.Kind.WEIGHTED;
        Signal in = s.in;
        long nIn = l.getNIn();
        long nOut = l.getNOut();
        boolean conv = l instanceof ConvolutionLayer;
        boolean embedding = l instanceof EmbeddingLayer || l instanceof EmbeddingSequenceLayer;
        s.dense = !conv;
        double fanIn;
        double fanOut;
        double incoming;
        long[] wShape;
        long outPositions = 1;
        double fanOutEff;
        if (conv) {
            ConvolutionLayer cl = (ConvolutionLayer) l;
            int[] k = cl.getKernelSize();
            int[] st = cl.getStride();
            long kk = window(k);
            fanIn = nIn * kk;
            fanOut = nOut * kk / (double) stride(st);
            wShape = new long[2 + k.length];
            wShape[0] = nOut;
            wShape[1] = nIn;
            for (int i = 0; i < k.length; i++) {
                wShape[2 + i] = k[i];
            }
            double[] cov = coverage(n, cl);
            incoming = nIn * cov[0];
            outPositions = cov[1] > 0 ? (long) cov[1] : -1;
            fanOutEff = cov[2] > 0 ? nOut * cov[2] : fanOut;
            if (cov[1] <= 0) {
                s.approximate("spatial size unknown (give the InputType): border effects of padding ignored and "
                        + "gradient figures not predicted");
            }
        } else {
            fanIn = nIn;
            fanOut = nOut;
            incoming = nIn;
            wShape = new long[] {nIn, nOut};
            fanOutEff = nOut;
        }
        BaseLayer bl = (BaseLayer) l;
        s.weights = WeightMoments.of(bl.getWeightInitFn(), fanIn, fanOut, incoming, wShape, topo.seed);
        s.weightCount = nIn * nOut * (conv ? window(((ConvolutionLayer) l).getKernelSize()) : 1);
        switch (s.weights.kind()) {
            case STRUCTURED:
                s.approximate("weights " + s.weights.formula() + " are not a sum of many independent terms: the "
                        + "pre-activation is taken as Gaussian with the same variance");
                break;
            case MEASURED:
                s.notes.add("weights " + s.weights.formula());
                break;
            default:
                break;
        }
        if (bl.getWeightNoise() != null) {
            s.approximate("weight noise " + bl.getWeightNoise() + " is not modelled");
        }
        if (l instanceof DenseLayer && ((DenseLayer) l).hasLayerNorm()) {
            s.approximate("layer normalization is not modelled");
        }
        double gain = s.weights.gain();
        double bias = hasBias(l) ? bl.getBiasInit() : 0;
        double[] dropped = dropout(s, l.getIDropout());
        double mul = dropped[0];
        double add = dropped[1];
        s.inputScale = mul;
        double[] q = new double[w.length];
        Cross cross;
        if (embedding) {
            Arrays.fill(q, s.weights.kind() == WeightMoments.Kind.STRUCTURED ? gain : s.weights.variance());
            cross = Cross.ZERO;
            s.notes.add("embedding: each output is a row of W, whatever the index");
        } else if (in == null) {
            Arrays.fill(q, 0);
            cross = Cross.ZERO;
        } else {
            for (int g = 0; g < q.length; g++) {
                q[g] = gain * (in.m2[g] * mul + add);
            }
            // Σ_j w_j x_j of two points: E over the weights = σ_w²·(their mean input product)
            cross = (conv ? in.cross : in.cross.dense()).times(gain);
        }
        for (int g = 0; g < q.length; g++) {
            if (Math.sqrt(q[g]) < tiny) {
                q[g] = 0; // the pre-activations underflow to zero in the network's data type
            }
        }
        s.pre = new PreActivation(bias, q, w, cross);
        s.scaleSpread = in == null || embedding ? 0 : scaleSpread(in, conv ? ((ConvolutionLayer) l).getKernelSize()
                : new int[] {1}, nIn);
        double data = input.directionalSpread(batch);
        if (!conv && in != null && n.inputs.get(0).isInput() && data > 0) {
            // the first layer sees the data's own directions (images: a few dominate), measured on the input
            s.scaleSpread = Math.max(s.scaleSpread, 2 * data);
        }
        // δx = (mask/p)·Wᵀδz: E[δx²] = (1/p)·(per-weight second moment)·(consumers per input)·E[δz²]; between two
        // examples the masks are independent and E[m_a·m_b]/p² = 1
        double perWeight = Double.isNaN(s.weights.variance()) ? gain / Math.max(1, incoming)
                : s.weights.variance() + s.weights.mean() * s.weights.mean();
        s.backCross = perWeight * fanOutEff;
        s.backGain = s.backCross * mul;
        long points = Math.max(1, (long) batch * (outPositions > 0 ? outPositions : 1));
        s.gradPoints = conv && outPositions <= 0 ? -1 : points;
        String origin = n.name;
        boolean output = n.info.output();
        IActivation fn = bl.getActivationFn();
        if (output) {
            // the listener does not see an output layer's activations: only its gradients
            s.out = new Signal(q.clone(), bias, cross, 0, s.pre, null, null, 0, nOut, 1, origin);
            return;
        }
        respond(s, fn, nOut, outPositions, in == null ? 0 : in.noise, origin);
    }

    /**
     * {@code 2·tr(K²)/tr(K)²} for the centred second-moment matrix K of one unit's inputs: nIn channels, each over a
     * kernel whose taps are correlated as ρ^(|dx|+|dy|) with ρ the centred adjacent-position correlation (an
     * exponential decay with distance); channels independent. For a dense layer 2/nIn.
     */
    private double scaleSpread(Signal in, int[] kernel, long nIn) {
        double var = in.variance(w);
        double rho = var > 0 ? Math.max(0, Math.min(0.999, (in.cross.neighbor - in.mean * in.mean) / var)) : 0;
        double sum = 1;
        double taps = 1;
        for (int k : kernel) {
            double s1 = 0;
            for (int d = -(k - 1); d <= k - 1; d++) {
                s1 += (k - Math.abs(d)) * Math.pow(rho * rho, Math.abs(d));
            }
            sum *= s1;
            taps *= k;
        }
        return 2 * sum / (Math.max(1, nIn) * taps * taps);
    }

    private static boolean hasBias(Layer l) {
        if (l instanceof DenseLayer) {
            return ((DenseLayer) l).hasBias();
        }
        if (l instanceof ConvolutionLayer) {
            return ((ConvolutionLayer) l).hasBias();
        }
        if (l instanceof BaseOutputLayer) {
            return ((BaseOutputLayer) l).hasBias();
        }
        return true;
    }

    /**
     * The average number of valid kernel taps per output position (padding), the output positions, and the average
     * number of outputs each input value feeds; NaN/−1 when the spatial size is unknown.
     */
    private static double[] coverage(Topology.Node n, ConvolutionLayer cl) {
        long[] inShape = shape(n.inputType);
        long[] outShape = shape(n.outputType);
        int[] k = cl.getKernelSize();
        if (inShape == null || outShape == null || !(n.inputType instanceof InputType.InputTypeConvolutional)
                || k.length != 2) {
            if (inShape != null && outShape != null && inShape[1] > 0 && outShape[1] > 0) {
                return new double[] {window(k), outShape[1], (double) outShape[1] * window(k) / inShape[1]};
            }
            return new double[] {window(k), -1, -1};
        }
        InputType.InputTypeConvolutional it = (InputType.InputTypeConvolutional) n.inputType;
        InputType.InputTypeConvolutional ot = (InputType.InputTypeConvolutional) n.outputType;
        long[] in = {it.getHeight(), it.getWidth()};
        long[] out = {ot.getHeight(), ot.getWidth()};
        int[] st = cl.getStride();
        int[] dil = cl.getDilation();
        int[] pad = cl.getPadding();
        double taps = 1;
        for (int d = 0; d < 2; d++) {
            long eff = (long) (k[d] - 1) * dil[d] + 1;
            long before = cl.getConvolutionMode() == ConvolutionMode.Same
                    ? Math.max(0, ((out[d] - 1) * st[d] + eff - in[d]) / 2) : pad[d];
            long valid = 0;
            for (long o = 0; o < out[d]; o++) {
                for (int t = 0; t < k[d]; t++) {
                    long x = o * st[d] - before + (long) t * dil[d];
                    valid += x >= 0 && x < in[d] ? 1 : 0;
                }
            }
            taps *= (double) valid / out[d];
        }
        double positionsOut = (double) out[0] * out[1];
        return new double[] {taps, positionsOut, positionsOut * taps / ((double) in[0] * in[1])};
    }

    /**
     * A layer's dropout on its input: {multiplier of the input's second moment, added variance}; the same factor
     * scales the back-propagated mean square.
     */
    private double[] dropout(Step s, IDropout d) {
        if (d == null) {
            return new double[] {1, 0};
        }
        if (d instanceof Dropout) {
            Dropout x = (Dropout) d;
            double p = x.getPSchedule() != null ? x.getPSchedule().valueAt(0, 0) : x.getP();
            s.notes.add(String.format(Locale.ROOT, "dropout on the input (retain %.3g): second moment ×1/p", p));
            return new double[] {1 / p, 0};
        }
        if (d instanceof SpatialDropout) {
            SpatialDropout x = (SpatialDropout) d;
            double p = x.getPSchedule() != null ? x.getPSchedule().valueAt(0, 0) : x.getP();
            return new double[] {1 / p, 0};
        }
        if (d instanceof GaussianDropout) {
            GaussianDropout x = (GaussianDropout) d;
            double r = x.getRateSchedule() != null ? x.getRateSchedule().valueAt(0, 0) : x.getRate();
            return new double[] {1 / (1 - r), 0};
        }
        if (d instanceof GaussianNoise) {
            GaussianNoise x = (GaussianNoise) d;
            double sd = x.getStddevSchedule() != null ? x.getStddevSchedule().valueAt(0, 0) : x.getStddev();
            return new double[] {1, sd * sd};
        }
        if (d instanceof AlphaDropout) {
            s.approximate("alpha dropout is not modelled (ignored)");
            return new double[] {1, 0};
        }
        s.approximate(d.getClass().getSimpleName() + " is not modelled (ignored)");
        return new double[] {1, 0};
    }

    /** Applies an activation to {@code s.pre}: figures, band, output signal. */
    private void respond(Step s, IActivation fn, long units, long positions, double inputNoise, String origin) {
        String[] why = new String[1];
        ActivationProbe probe = ActivationProbe.of(fn, why);
        if (probe == null) {
            assumedOutput(s, "activation " + fn + ": " + why[0]);
            return;
        }
        ActivationProbe.Regions regions = probe.regions(margin, topo.dataType);
        ActivationFamily family = ActivationFamily.of(probe.function());
        long points = Math.max(1, (long) batch * Math.max(1, positions));
        long observed = observed(units, positions);
        Response r = Response.of(probe, s.pre, regions, family, observed, points, Math.max(1, units), tiny,
                s.scaleSpread);
        s.response = r;
        boolean identity = probe.function() instanceof ActivationIdentity;
        double noise = r.secondMomentElasticity() * r.secondMomentElasticity() * inputNoise + r.secondMomentNoise();
        s.out = new Signal(r.groupSecondMoments(), r.mean(), s.dense ? r.cross().dense() : r.cross(), r.zero(),
                identity ? s.pre : null, probe,
                s.pre, noise, units, positions, origin);
        s.stdNoise = (r.varianceElasticity() * r.varianceElasticity() * inputNoise + r.varianceNoise()) / 4;
        activationFigures(s, r.mean(), r.std(), r.zero(), r.saturated(), r.saturatedUnits(), r.deadUnits());
    }

    /** Values per unit the listener reads for dead and saturated units: every value of the batch. */
    private long observed(long units, long positions) {
        return (long) batch * Math.max(1, positions);
    }

    private void activationFigures(Step s, double mean, double std, double zero, double sat, double satUnits,
            double dead) {
        double[] f = s.figures;
        f[Figure.ACTIVATION_MEAN.ordinal()] = mean;
        f[Figure.ACTIVATION_STD.ordinal()] = std;
        f[Figure.ZERO_FRACTION.ordinal()] = zero;
        f[Figure.SATURATED_FRACTION.ordinal()] = sat;
        f[Figure.SATURATED_UNITS.ordinal()] = satUnits;
        f[Figure.DEAD_UNITS.ordinal()] = dead;
        f[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 0;
    }

    private void activationLayer(Step s, IActivation fn) {
        s.kind = Step.Kind.ACTIVATION;
        Signal in = s.in;
        if (in.gaussian == null) {
            s.approximate("its input is not Gaussian: treated as a Gaussian of the same mean, variance and "
                    + "covariances");
        }
        s.pre = in.asGaussian(w);
        s.dense = in.positions <= 1;
        respond(s, fn, in.units, in.positions, in.noise, in.origin);
    }

    private void batchNorm(Step s, BatchNormalization bn) {
        s.kind = Step.Kind.BATCH_NORM;
        Signal in = s.in;
        double gamma = bn.getGamma();
        double beta = bn.getBeta();
        double eps = bn.getEps();
        // per unit, over the batch (and positions): the unit's shared part is removed, its own part scaled
        double m2 = in.secondMoment(w);
        double own = Math.max(0, m2 - in.cross.unit);
        double scale = gamma * gamma / (own + eps);
        double[] out = new double[w.length];
        for (int g = 0; g < w.length; g++) {
            out[g] = scale * Math.max(0, in.m2[g] - in.cross.unit) + beta * beta;
        }
        double b2 = beta * beta;
        PreActivation gauss = null;
        if (in.gaussian != null) {
            PreActivation p = in.gaussian;
            double[] q = new double[w.length];
            for (int g = 0; g < w.length; g++) {
                q[g] = scale * Math.max(0, p.variances()[g] - p.cross().unit);
            }
            gauss = new PreActivation(beta, q, w, removeUnit(p.cross()).times(scale));
        }
        double keep = eps / (own + eps);
        s.out = new Signal(out, beta, removeUnit(in.cross).times(scale).plus(b2), own == 0 && beta == 0 ? 1 : 0, gauss,
                null, null,
                keep * keep * in.noise, in.units, in.positions, in.origin);
        s.backGain = scale;
        s.backCross = 0;
        s.stdNoise = keep * keep * in.noise / 4;
        double std = Math.sqrt(Math.max(0, PreActivation.pooled(out, w) - beta * beta));
        double zero = s.out.zero;
        activationFigures(s, beta, std, zero, Double.NaN, Double.NaN, zero);
        if (bn.isLockGammaBeta()) {
            s.notes.add(String.format(Locale.ROOT, "gamma %.3g and beta %.3g locked", gamma, beta));
        }
    }

    /** The products after each unit's own mean over the batch is subtracted (batch normalization). */
    private static Cross removeUnit(Cross c) {
        return new Cross(c.feature - c.unit, c.same - c.unit, 0, c.neighbor - c.unit);
    }

    private void dropoutLayer(Step s, IDropout d) {
        s.kind = Step.Kind.DROPOUT;
        Signal in = s.in;
        double[] f = dropout(s, d);
        double retain = d instanceof Dropout || d instanceof SpatialDropout ? 1 / f[0] : 1;
        double[] m2 = new double[w.length];
        for (int g = 0; g < w.length; g++) {
            m2[g] = in.m2[g] * f[0] + f[1];
        }
        s.out = new Signal(m2, in.mean, in.cross, 1 - retain * (1 - in.zero), null,
                null, null, in.noise, in.units, in.positions, in.origin);
        s.backGain = f[0];
        s.backCross = 1;
        passFigures(s, s.out);
    }

    /** Figures of a signal that is not the activation of a Gaussian (vertices, pooling, dropout). */
    private void passFigures(Step s, Signal out) {
        double std = Math.sqrt(out.variance(w));
        double dead = out.zero >= 1 ? 1 : Math.pow(out.zero, Math.max(1, observed(out.units, out.positions)));
        activationFigures(s, out.mean, std, out.zero, Double.NaN, Double.NaN, dead);
        s.stdNoise = out.noise / 4;
    }

    /** Max or average pooling over windows of m values. */
    private void pool(Step s, PoolingType type, long m, long st) {
        Signal in = s.in;
        long outPositions = s.node.outputType == null ? -1 : shape(s.node.outputType)[1];
        double positionRatio = outPositions > 0 && in.positions > 0 ? (double) outPositions / in.positions
                : 1.0 / st;
        if (type == PoolingType.MAX) {
            s.kind = Step.Kind.MAX_POOL;
            maxOf(s, in, m, outPositions);
            // each output's gradient goes to one input of its window: a value receives it with probability
            // P_out/P_in, two values both with its square
            s.backGain = positionRatio;
            s.backCross = positionRatio * positionRatio;
        } else if (type == PoolingType.AVG) {
            s.kind = Step.Kind.AVG_POOL;
            double rho = centredCorrelation(in.cross.neighbor, in);
            double var = in.variance(w) * (1.0 / m + (1 - 1.0 / m) * rho);
            double scale = in.variance(w) > 0 ? var / in.variance(w) : 0;
            double zero = zeroOfAll(in, m);
            s.out = scaled(in, scale, zero, outPositions);
            s.backGain = positionRatio / m;
            s.backCross = s.backGain;
            passFigures(s, s.out);
        } else {
            assumed(s, type + " pooling is not modelled");
            return;
        }
        s.approximate("the values of a pooling window are taken as equicorrelated with the adjacent-position "
                + "correlation");
    }

    private void globalPool(Step s, PoolingType type) {
        Signal in = s.in;
        long p = Math.max(1, in.positions);
        if (type == PoolingType.MAX) {
            s.kind = Step.Kind.MAX_POOL;
            maxOf(s, in, p, 1);
            s.backGain = 1.0 / p;
            s.backCross = 1.0 / ((double) p * p);
        } else if (type == PoolingType.AVG) {
            s.kind = Step.Kind.AVG_POOL;
            double rho = centredCorrelation(in.cross.unit, in);
            double var = in.variance(w) * (1.0 / p + (1 - 1.0 / p) * rho);
            s.out = scaled(in, in.variance(w) > 0 ? var / in.variance(w) : 0, zeroOfAll(in, p), 1);
            s.backGain = 1.0 / ((double) p * p);
            s.backCross = s.backGain;
            passFigures(s, s.out);
        } else {
            assumed(s, type + " global pooling is not modelled");
            return;
        }
        s.approximate("positions of one example are taken as correlated like random values of the channel");
    }

    private double centredCorrelation(double rawCross, Signal in) {
        double var = in.variance(w);
        return var > 0 ? Math.max(-1, Math.min(1, (rawCross - in.mean * in.mean) / var)) : 1;
    }

    /** The probability that all m values of a window are exactly zero. */
    private double zeroOfAll(Signal in, long m) {
        if (in.zero <= 0) {
            return 0;
        }
        if (in.zero >= 1) {
            return 1;
        }
        if (in.probe != null && in.source != null) {
            double[][] zero = in.probe.regions(margin, topo.dataType).intervals(ActivationProbe.Regions.ZERO);
            if (zero.length == 1 && zero[0][0] == Double.NEGATIVE_INFINITY) {
                // a rectifier: all zero iff the window's maximum pre-activation is in the zero region
                return maxBelow(in.source, zero[0][1], m);
            }
        }
        return Math.pow(in.zero, m);
    }

    /** P(max of m equicorrelated values of the pre-activation ≤ x). */
    private double maxBelow(PreActivation p, double x, long m) {
        double q = p.variance();
        if (q <= 0) {
            return p.mean() <= x ? 1 : 0;
        }
        double rho = Math.max(0, p.correlation(p.cross().neighbor));
        double sd = Math.sqrt(q);
        GaussianRule outer = GaussianRule.coarse();
        double[] xi = outer.points();
        double[] v = new double[xi.length];
        for (int i = 0; i < xi.length; i++) {
            double t = (x - p.mean() - sd * Math.sqrt(rho) * xi[i]) / (sd * Math.sqrt(Math.max(1e-300, 1 - rho)));
            v[i] = rho >= 1 ? (p.mean() + sd * xi[i] <= x ? 1 : 0) : Math.pow(Response.phi(t), m);
        }
        return outer.expect(v, 0);
    }

    /**
     * The maximum of m equicorrelated values: for a non-decreasing activation f of a Gaussian z,
     * {@code max f(z_t) = f(max z_t)}, and {@code max z_t = μ + σ(√ρ·ξ₀ + √(1−ρ)·M_m)} with M_m the maximum of m
     * independent standard normals (density m·φ(x)·Φ(x)^(m−1)).
     */
    private void maxOf(Step s, Signal in, long m, long outPositions) {
        ActivationProbe probe = in.probe;
        PreActivation p = in.source;
        if (probe == null || p == null || !probe.regions(margin, topo.dataType).monotone()) {
            s.approximate("the pooled values are not a non-decreasing activation of a Gaussian: taken as a Gaussian "
                    + "of the same moments");
            probe = ActivationProbe.of(null, new String[1]);
            p = in.asGaussian(w);
        }
        double q = p.variance();
        double sd = Math.sqrt(q);
        double rho = Math.max(0, p.correlation(p.cross().neighbor));
        // outer ξ₀ on a coarse rule (the inner maximum has already smoothed the integrand), inner M_m on the full
        // rule with the maximum's density relative to the standard normal's, m·Φ(x)^(m−1)
        GaussianRule outer = rho > 0 ? GaussianRule.coarse() : GaussianRule.of(0, 0, new double[0]);
        GaussianRule inner = GaussianRule.of(0, 1, new double[0]);
        double[] xo = outer.points();
        double[] xm = inner.points();
        double[] wo = outer.weights();
        double[] wm = inner.weights();
        double total = 0;
        for (int j = 0; j < xm.length; j++) {
            wm[j] *= m * Math.pow(Response.phi(xm[j]), m - 1);
            total += wm[j];
        }
        double[] z = new double[xo.length * xm.length];
        double[] wt = new double[z.length];
        int at = 0;
        for (int i = 0; i < xo.length; i++) {
            for (int j = 0; j < xm.length; j++) {
                z[at] = p.mean() + sd * (Math.sqrt(rho) * xo[i] + Math.sqrt(1 - rho) * xm[j]);
                wt[at++] = wo[i] * wm[j] / total;
            }
        }
        double[] f = probe.values(z);
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i < z.length; i++) {
            m1 += wt[i] * f[i];
            m2 += wt[i] * f[i] * f[i];
        }
        double inVar = in.variance(w);
        double var = Math.max(0, m2 - m1 * m1);
        double scale = inVar > 0 ? var / inVar : 0;
        double zero = zeroOfAll(in, m);
        double[] g2 = new double[w.length];
        double inM2 = in.secondMoment(w);
        for (int g = 0; g < w.length; g++) {
            g2[g] = inM2 > 0 ? in.m2[g] * m2 / inM2 : m2;
        }
        double mm = m1 * m1;
        double mIn = in.mean * in.mean;
        Cross c = in.cross.plus(-mIn).times(scale).plus(mm);
        // adjacent pooled values are a window apart: the adjacent-position correlation, squared
        c = new Cross(c.feature, c.same, c.unit,
                mm + Math.pow(Math.max(0, centredCorrelation(in.cross.neighbor, in)), 2) * var);
        s.out = new Signal(g2, m1, c, zero, null, null,
                null, in.noise, in.units, outPositions, in.origin);
        passFigures(s, s.out);
    }

    /** The input's values with their variance (and centred covariances) scaled, mean kept. */
    private Signal scaled(Signal in, double varianceScale, double zero, long positions) {
        double mm = in.mean * in.mean;
        double[] m2 = new double[w.length];
        for (int g = 0; g < w.length; g++) {
            m2[g] = mm + varianceScale * Math.max(0, in.m2[g] - mm);
        }
        return new Signal(m2, in.mean, in.cross.plus(-mm).times(varianceScale).plus(mm), zero, null, null,
                null, in.noise, in.units, positions, in.origin);
    }

    private void lossLayer(Step s, LossLayer l) {
        s.kind = Step.Kind.LOSS;
        s.out = s.in;
        if (s.in.gaussian == null) {
            s.approximate("its input is not Gaussian: treated as a Gaussian of the same moments");
        }
        s.pre = s.in.asGaussian(w);
    }

    private void vertex(Step s) {
        Object v = s.node.vertex;
        List<Signal> ins = new ArrayList<>();
        for (Topology.Node in : s.node.inputs) {
            ins.add(steps.get(in).out);
        }
        if (v instanceof ElementWiseVertex) {
            elementWise(s, ((ElementWiseVertex) v).getOp(), ins);
        } else if (v instanceof MergeVertex) {
            merge(s, ins);
        } else if (v instanceof ScaleVertex) {
            double c = ((ScaleVertex) v).getScaleFactor();
            s.kind = Step.Kind.SCALE;
            Signal in = ins.get(0);
            double[] m2 = new double[w.length];
            for (int g = 0; g < w.length; g++) {
                m2[g] = c * c * in.m2[g];
            }
            s.out = new Signal(m2, c * in.mean, in.cross.times(c * c), c == 0 ? 1 : in.zero, null, null, null, in.noise, in.units, in.positions, in.origin);
            s.backGain = c * c;
            s.backCross = c * c;
            passFigures(s, s.out);
        } else if (v instanceof ShiftVertex) {
            double c = ((ShiftVertex) v).getShiftFactor();
            s.kind = Step.Kind.SCALE;
            Signal in = ins.get(0);
            double[] m2 = new double[w.length];
            double add = 2 * c * in.mean + c * c;
            for (int g = 0; g < w.length; g++) {
                m2[g] = in.m2[g] + add;
            }
            s.out = new Signal(m2, in.mean + c, in.cross.plus(add), c == 0 ? in.zero : 0, null, null, null, in.noise, in.units, in.positions, in.origin);
            s.backGain = 1;
            s.backCross = 1;
            passFigures(s, s.out);
        } else if (v instanceof PreprocessorVertex) {
            s.kind = Step.Kind.PASS;
            s.out = ins.get(0);
            s.backGain = 1;
            s.backCross = 1;
            passFigures(s, s.out);
        } else {
            s.in = ins.isEmpty() ? null : ins.get(0);
            assumed(s, v.getClass().getSimpleName() + " is not modelled");
        }
    }

    private void elementWise(Step s, ElementWiseVertex.Op op, List<Signal> ins) {
        s.kind = Step.Kind.ELEMENT_WISE;
        int k = ins.size();
        double[] m2 = new double[w.length];
        double mean;
        Cross cross;
        double zero;
        double noise = 0;
        java.util.Set<String> origins = new java.util.HashSet<>();
        for (Signal in : ins) {
            if (!origins.add(in.origin)) {
                s.approximate("two inputs come from " + in.origin + " without random weights between: taken as "
                        + "independent");
            }
        }
        switch (op) {
            case Add:
            case Average:
            case Subtract: {
                double[] sign = new double[k];
                Arrays.fill(sign, 1);
                if (op == ElementWiseVertex.Op.Subtract) {
                    sign[1] = -1;
                }
                double c = op == ElementWiseVertex.Op.Average ? 1.0 / k : 1;
                mean = 0;
                for (int i = 0; i < k; i++) {
                    mean += sign[i] * ins.get(i).mean;
                }
                double crossMeans = mean * mean;
                double sq = 0;
                for (int i = 0; i < k; i++) {
                    crossMeans -= ins.get(i).mean * ins.get(i).mean;
                }
                cross = Cross.ZERO.plus(crossMeans);
                zero = 1;
                double sdNoise = 0;
                for (int i = 0; i < k; i++) {
                    Signal in = ins.get(i);
                    for (int g = 0; g < w.length; g++) {
                        m2[g] += in.m2[g];
                    }
                    cross = cross.plus(in.cross);
                    zero *= in.zero;
                    double part = in.secondMoment(w);
                    sq += part;
                    sdNoise += part * Math.sqrt(in.noise);
                }
                for (int g = 0; g < w.length; g++) {
                    m2[g] = c * c * (m2[g] + crossMeans);
                }
                mean *= c;
                cross = cross.times(c * c);
                noise = sq > 0 ? Math.pow(sdNoise / sq, 2) : 0;
                s.elementFactors = new double[k];
                Arrays.fill(s.elementFactors, c * c);
                s.approximate("the inputs are taken as independent (they are when each drew its own random weights "
                        + "after their last common layer)");
                break;
            }
            case Product: {
                mean = 1;
                Arrays.fill(m2, 1);
                cross = Cross.ZERO.plus(1);
                double notZero = 1;
                for (Signal in : ins) {
                    mean *= in.mean;
                    for (int g = 0; g < w.length; g++) {
                        m2[g] *= in.m2[g];
                    }
                    cross = cross.times(in.cross);
                    notZero *= 1 - in.zero;
                    noise += in.noise;
                }
                zero = 1 - notZero;
                s.elementFactors = new double[k];
                for (int i = 0; i < k; i++) {
                    double others = 1;
                    for (int j = 0; j < k; j++) {
                        others *= j == i ? 1 : ins.get(j).secondMoment(w);
                    }
                    s.elementFactors[i] = others;
                }
                s.approximate("the inputs are taken as independent");
                break;
            }
            default:
                s.in = ins.get(0);
                assumed(s, "element-wise " + op + " is not modelled");
                return;
        }
        Signal first = ins.get(0);
        PreActivation gauss = null;
        boolean allGaussian = ins.stream().allMatch(x -> x.gaussian != null);
        if (allGaussian && op != ElementWiseVertex.Op.Product) {
            double c = op == ElementWiseVertex.Op.Average ? 1.0 / k : 1;
            double mu = 0;
            double[] q = new double[w.length];
            Cross cov = Cross.ZERO;
            for (int i = 0; i < k; i++) {
                PreActivation p = ins.get(i).gaussian;
                double sign = op == ElementWiseVertex.Op.Subtract && i == 1 ? -1 : 1;
                mu += sign * p.mean();
                for (int g = 0; g < w.length; g++) {
                    q[g] += p.variances()[g];
                }
                cov = cov.plus(p.cross());
            }
            for (int g = 0; g < w.length; g++) {
                q[g] *= c * c;
            }
            gauss = new PreActivation(c * mu, q, w, cov.times(c * c));
        }
        s.out = new Signal(m2, mean, cross, zero, gauss, null, null, noise, first.units, first.positions, s.node.name);
        passFigures(s, s.out);
    }

    private void merge(Step s, List<Signal> ins) {
        s.kind = Step.Kind.MERGE;
        double total = 0;
        for (Signal in : ins) {
            total += Math.max(1, in.units);
        }
        double[] m2 = new double[w.length];
        double mean = 0;
        Cross cross = Cross.ZERO;
        double zero = 0;
        double noise = 0;
        for (Signal in : ins) {
            double f = Math.max(1, in.units) / total;
            for (int g = 0; g < w.length; g++) {
                m2[g] += f * in.m2[g];
            }
            mean += f * in.mean;
            cross = cross.plus(in.cross.times(f));
            zero += f * in.zero;
            noise += f * f * in.noise;
        }
        if (ins.stream().anyMatch(x -> x.units <= 0)) {
            s.approximate("sizes unknown: inputs weighted equally");
        }
        s.out = new Signal(m2, mean, cross, zero, null, null, null, noise, (long) total, ins.get(0).positions,
                s.node.name);
        s.elementFactors = new double[ins.size()];
        Arrays.fill(s.elementFactors, 1);
        passFigures(s, s.out);
    }

    private void assumed(Step s, String why) {
        s.kind = Step.Kind.ASSUMED;
        s.modelling = Modelling.ASSUMED;
        assumedOutput(s, why);
    }

    private void assumedOutput(Step s, String why) {
        s.kind = Step.Kind.ASSUMED;
        s.modelling = Modelling.ASSUMED;
        double[] given = options.assumedOutputs().get(s.node.name);
        Signal in = s.in;
        long units = in == null ? -1 : in.units;
        long positions = in == null ? 1 : in.positions;
        if (s.node.outputType != null) {
            long[] sh = shape(s.node.outputType);
            if (sh != null) {
                units = sh[0];
                positions = sh[1];
            }
        }
        if (given != null) {
            double mm = given[0] * given[0];
            double[] m2 = new double[w.length];
            Arrays.fill(m2, given[1] + mm);
            s.out = new Signal(m2, given[0], Cross.ZERO.plus(mm), 0, null, null, null, 0, units, positions, s.node.name);
            s.notes.add(why + "; output as given: mean " + given[0] + ", variance " + given[1]);
        } else if (in != null) {
            s.out = in.reshaped(units, positions);
            s.notes.add(why + "; assumed: its input passes through unchanged (give a measured output with "
                    + "PropagationOptions.Builder.assumeOutput)");
        } else {
            double[] m2 = new double[w.length];
            Arrays.fill(m2, 1);
            s.out = new Signal(m2, 0, Cross.ZERO, 0, null, null, null, 0, units, positions, s.node.name);
            s.notes.add(why + "; assumed: unit-variance output");
        }
        s.backGain = 1;
        s.backCross = 1;
        passFigures(s, s.out);
        s.stdNoise = Double.NaN;
    }

    /** Values per example of a signal, NaN when its size is unknown. */
    private static double perExample(Signal out) {
        return out == null || out.units <= 0 ? Double.NaN : (double) out.units * Math.max(1, out.positions);
    }

    // --- judge ----------------------------------------------------------------------------------------------

    private PropagationReport judge() {
        List<LayerInfo> infos = topo.infos;
        double[][] figures = new double[infos.size()][];
        Step[] ordered = new Step[infos.size()];
        for (Topology.Node n : topo.nodes) {
            if (!n.isInput()) {
                Step s = steps.get(n);
                ordered[n.info.index()] = s;
                figures[n.info.index()] = s.figures;
            }
        }
        // every network input has the given moments; widths are values per example (NaN when sizes are unknown)
        double[] inputStd = new double[topo.layout.inputCount()];
        double[] inputWidth = new double[inputStd.length];
        int k = 0;
        for (Topology.Node n : topo.nodes) {
            if (n.isInput() && k < inputStd.length) {
                inputStd[k] = Math.sqrt(input.variance());
                inputWidth[k++] = perExample(steps.get(n).out);
            }
        }
        double[] width = new double[ordered.length];
        for (int i = 0; i < ordered.length; i++) {
            width[i] = perExample(ordered[i].out);
        }
        // identical units (all weights of a layer equal, e.g. ZeroInit) by the listener's own rule
        double[] constant = new double[ordered.length];
        for (int i = 0; i < ordered.length; i++) {
            WeightMoments wm = ordered[i].weights;
            constant[i] = wm != null && wm.variance() == 0 ? wm.mean() : Double.NaN;
        }
        double[] symmetric = topo.layout.symmetricUnits(constant);
        // the update:parameter ratio is predicted but not judged: at the first iteration it depends on the learning
        // rate and on the labels of the first batch (their class counts move the output gradient by about ±50% for
        // 128 examples), so near its threshold a prediction would be a coin toss
        double[][] judged = new double[figures.length][];
        for (int i = 0; i < figures.length; i++) {
            judged[i] = figures[i].clone();
            judged[i][Figure.UPDATE_RATIO.ordinal()] = Double.NaN;
        }
        for (int i = 0; i < judged.length; i++) {
            figures[i][Figure.SYMMETRIC_UNITS.ordinal()] = symmetric[i];
            judged[i][Figure.SYMMETRIC_UNITS.ordinal()] = symmetric[i];
        }
        List<List<Violation>> found = topo.layout.judge(judged, inputStd, inputWidth, width, batch,
                options.thresholds());
        for (int i = 0; i < figures.length; i++) {
            for (Figure f : new Figure[] {Figure.SCALE_RATIO, Figure.GRADIENT_RATIO, Figure.DEAD_UNITS,
                Figure.SATURATED_UNITS}) {
                figures[i][f.ordinal()] = judged[i][f.ordinal()];
            }
        }
        List<LayerPrediction> out = new ArrayList<>();
        for (int i = 0; i < ordered.length; i++) {
            Step s = ordered[i];
            double std = s.figures[Figure.ACTIVATION_STD.ordinal()];
            double sd = Math.sqrt(Math.max(0, s.stdNoise));
            double low = Double.isNaN(s.stdNoise) || Double.isNaN(std) ? Double.NaN
                    : std * Math.exp(-options.band() * sd);
            double high = Double.isNaN(s.stdNoise) || Double.isNaN(std) ? Double.NaN
                    : std * Math.exp(options.band() * sd);
            boolean hasPre = s.kind == Step.Kind.WEIGHTED || s.kind == Step.Kind.ACTIVATION;
            out.add(new LayerPrediction(s.node.info, s.modelling, String.join("; ", s.notes),
                    s.weights == null ? "" : s.weights.formula(), s.weights == null ? Double.NaN : s.weights.gain(),
                    hasPre && s.pre != null ? s.pre.mean() : Double.NaN,
                    hasPre && s.pre != null ? s.pre.variance() : Double.NaN, s.figures, s.chi, s.cumulative, low, high,
                    found.get(i)));
        }
        return new PropagationReport(out, input.source(), batch, options.band());
    }
}
