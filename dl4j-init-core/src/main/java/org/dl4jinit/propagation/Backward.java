package org.dl4jinit.propagation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.LayerInfo;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/**
 * The backward half of the analysis: from the loss at the outputs down through every node, the mean square of the
 * error at each pre-activation (per input group) and its correlation between examples, the weight gradients' RMS
 * and first update, and the gains χ. Runs once after {@link Propagator}'s forward pass, on its {@link Step}s.
 */
final class Backward {

    /** Pairs of logit vectors drawn to estimate the softmax cross-entropy gradient's moments (fixed seed). */
    static final int SOFTMAX_DRAWS = 4096;

    private final Topology topo;
    private final InputMoments input;
    private final double[] w;
    private final int batch;
    private final double tiny;
    private final Map<Topology.Node, Step> steps;
    private final long classes;

    Backward(Topology topo, PropagationOptions options, Map<Topology.Node, Step> steps, long classes) {
        this.topo = topo;
        this.input = options.input();
        this.w = input.groupWeights();
        this.batch = options.batchSize();
        this.tiny = ActivationProbe.zeroBelow(topo.dataType);
        this.steps = steps;
        this.classes = classes;
    }

    /** Walks the nodes from the outputs down, then computes χ and the cumulative gains. */
    void run() {
        List<Topology.Node> order = topo.nodes;
        for (int i = order.size() - 1; i >= 0; i--) {
            Step s = steps.get(order.get(i));
            if (s.kind == Step.Kind.INPUT) {
                continue;
            }
            if (s.node.networkOutput) {
                seedFromLoss(s);
            }
            if (!s.reached && s.gradIn == null) {
                s.gradIn = new double[w.length];
            }
            backStep(s);
        }
        cumulativeGains();
    }

    /** The loss gradient at an output layer's pre-activations (or a loss layer's input). */
    private void seedFromLoss(Step s) {
        ILossFunction loss = null;
        IActivation fn = null;
        if (s.node.layer instanceof BaseOutputLayer) {
            loss = ((BaseOutputLayer) s.node.layer).getLossFn();
            fn = ((BaseOutputLayer) s.node.layer).getActivationFn();
        } else if (s.node.layer instanceof LossLayer) {
            loss = ((LossLayer) s.node.layer).getLossFn();
            fn = ((LossLayer) s.node.layer).getActivationFn();
        }
        long classes = s.node.layer instanceof FeedForwardLayer ? ((FeedForwardLayer) s.node.layer).getNOut()
                : s.in == null ? -1 : s.in.units;
        if ((loss instanceof LossMCXENT || loss instanceof LossNegativeLogLikelihood)
                && fn instanceof ActivationSoftmax && s.pre != null && classes > 1) {
            softmaxGradient(s, (int) classes);
        } else {
            s.dz = ones();
            s.dzCross = Cross.ZERO;
            s.approximate("loss " + loss + " with " + fn + ": the output gradient is assumed to have unit mean "
                    + "square per output and no correlation between examples");
        }
        s.reached = true;
    }

    /** The fraction of pairs of examples of one class: measured, or 1/K for K balanced classes. */
    private double sameClass() {
        return input.sameLabelPairs() > 0 ? input.sameLabelPairs() : 1.0 / classes;
    }

    /**
     * Softmax cross-entropy at initialization: δ = p − y, the random network's p independent of the label y. Per
     * output, {@code E[δ²] = (K·E[p·p] − 2/K + 1)/K}; between two examples of one class
     * {@code (K·E[p_a·p_b] − 2/K + 1)/K}, of different classes {@code (K·E[p_a·p_b] − 2/K)/K}, where p_a·p_b depends on
     * the correlation of the two examples' logits (same-class examples are more alike). The expectations over
     * logits z_k = μ + √q·ξ_k are Monte-Carlo estimates over {@value #SOFTMAX_DRAWS} fixed-seed draws (relative
     * error about 2%).
     */
    private void softmaxGradient(Step s, int k) {
        PreActivation pre = s.pre;
        double f = sameClass();
        Cross c = pre.cross();
        double rhoSame = Math.max(0, pre.correlation(c.same));
        double rhoDiff = Math.max(0, pre.correlation(f < 1 ? (c.feature - f * c.same) / (1 - f) : c.same));
        SplittableRandom rnd = new SplittableRandom(20160701L);
        double[][] u = new double[SOFTMAX_DRAWS][k];
        double[][] ea = new double[SOFTMAX_DRAWS][k];
        double[][] eb = new double[SOFTMAX_DRAWS][k];
        for (int i = 0; i < SOFTMAX_DRAWS; i++) {
            for (int j = 0; j < k; j++) {
                u[i][j] = gaussian(rnd);
                ea[i][j] = gaussian(rnd);
                eb[i][j] = gaussian(rnd);
            }
        }
        s.dz = new double[w.length];
        double[] pa = new double[k];
        double[] pb = new double[k];
        double[] xa = new double[k];
        double[] xb = new double[k];
        for (int g = 0; g < w.length; g++) {
            double sd = Math.sqrt(pre.variances()[g]);
            double p2 = 0;
            for (int i = 0; i < SOFTMAX_DRAWS; i++) {
                softmax(ea[i], sd, pa);
                for (int j = 0; j < k; j++) {
                    p2 += pa[j] * pa[j];
                }
            }
            s.dz[g] = (p2 / SOFTMAX_DRAWS - 2.0 / k + 1) / k;
        }
        double sd = Math.sqrt(pre.variance());
        double[] pab = new double[2];
        double[] rhos = {rhoSame, rhoDiff};
        for (int r = 0; r < 2; r++) {
            double a = Math.sqrt(rhos[r]);
            double b = Math.sqrt(1 - rhos[r]);
            for (int i = 0; i < SOFTMAX_DRAWS; i++) {
                for (int j = 0; j < k; j++) {
                    xa[j] = a * u[i][j] + b * ea[i][j];
                    xb[j] = a * u[i][j] + b * eb[i][j];
                }
                softmax(xa, sd, pa);
                softmax(xb, sd, pb);
                for (int j = 0; j < k; j++) {
                    pab[r] += pa[j] * pb[j];
                }
            }
            pab[r] /= SOFTMAX_DRAWS;
        }
        double dSame = (pab[0] - 2.0 / k + 1) / k;
        double dDiff = (pab[1] - 2.0 / k) / k;
        double all = f * dSame + (1 - f) * dDiff;
        s.dzCross = new Cross(all, dSame, all, 0);
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    private static void softmax(double[] x, double sd, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, sd * v);
        }
        double sum = 0;
        for (int c = 0; c < x.length; c++) {
            out[c] = Math.exp(sd * x[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < x.length; c++) {
            out[c] /= sum;
        }
    }

    /** E[f'(z)·f'(z')] for each kind of pair: how a nonlinearity passes gradient correlations back. */
    private static Cross slopes(Response r, PreActivation p) {
        if (r == null) {
            return Cross.ZERO.plus(1);
        }
        Cross c = p.cross();
        return new Cross(r.slopePair(p.correlation(c.feature)), r.slopePair(p.correlation(c.same)),
                r.slopePair(p.correlation(c.unit)), r.slopePair(p.correlation(c.neighbor)));
    }

    /** Gradient at this node's output → its own figures → contributions to its inputs. */
    private void backStep(Step s) {
        double[] dOut = s.gradIn == null ? new double[w.length] : s.gradIn;
        Cross cross = s.gradCross;
        switch (s.kind) {
            case WEIGHTED: {
                if (s.dz == null) {
                    s.dz = new double[w.length];
                    double[] slope = s.response == null ? ones() : s.response.groupSlopes();
                    for (int g = 0; g < w.length; g++) {
                        s.dz[g] = slope[g] * dOut[g];
                    }
                    s.dzCross = slopes(s.response, s.pre).times(s.dense ? cross.dense() : cross);
                }
                for (int g = 0; g < w.length; g++) {
                    if (Math.sqrt(s.dz[g]) < tiny) {
                        s.dz[g] = 0; // the back-propagated values underflow in the network's data type
                    }
                }
                weightGradient(s);
                double[] d = new double[w.length];
                for (int g = 0; g < w.length; g++) {
                    d[g] = s.backGain * s.dz[g];
                }
                Cross back = s.dzCross.times(s.backCross);
                long positions = s.node.inputs.isEmpty() ? 1 : steps.get(s.node.inputs.get(0)).out.positions;
                if (s.dense && positions > 1) {
                    // a dense layer over a flattened image: two positions of one channel are different features,
                    // reached through different weights; only the same position (1 pair in P) keeps its correlation
                    back = new Cross(back.feature, back.same, back.feature / positions, 0);
                }
                send(s, 0, d, back);
                break;
            }
            case LOSS: {
                send(s, 0, s.dz == null ? dOut : s.dz, s.dz == null ? cross : s.dzCross);
                break;
            }
            case ACTIVATION: {
                double[] slope = s.response == null ? ones() : s.response.groupSlopes();
                double[] d = new double[w.length];
                for (int g = 0; g < w.length; g++) {
                    d[g] = slope[g] * dOut[g];
                }
                send(s, 0, d, slopes(s.response, s.pre).times(cross));
                break;
            }
            case ELEMENT_WISE:
            case MERGE: {
                for (int i = 0; i < s.node.inputs.size(); i++) {
                    double f = s.elementFactors == null ? 1 : s.elementFactors[i];
                    double[] d = new double[w.length];
                    for (int g = 0; g < w.length; g++) {
                        d[g] = f * dOut[g];
                    }
                    send(s, i, d, cross.times(f));
                }
                break;
            }
            default: {
                double[] d = new double[w.length];
                for (int g = 0; g < w.length; g++) {
                    d[g] = s.backGain * dOut[g];
                }
                for (int i = 0; i < s.node.inputs.size(); i++) {
                    send(s, i, d, cross.times(s.backCross));
                }
                break;
            }
        }
    }

    private double[] ones() {
        double[] o = new double[w.length];
        Arrays.fill(o, 1);
        return o;
    }

    private void send(Step s, int input, double[] d, Cross cross) {
        if (input >= s.node.inputs.size()) {
            return;
        }
        Step to = steps.get(s.node.inputs.get(input));
        if (to.gradIn == null) {
            to.gradIn = new double[w.length];
        }
        for (int g = 0; g < w.length; g++) {
            to.gradIn[g] += d[g];
        }
        to.gradCross = to.gradCross.plus(cross);
        to.reached = true;
    }

    /**
     * The raw weight gradient G = Σ_points x·δ (DL4J sums over the batch): {@code E[G²] = N·E[x²]·E[δ²] +
     * N(N−1)·E[x_a x_b]·E[δ_a δ_b]}, forward and backward signals independent at initialization (the gradient
     * independence assumption of Schoenholz et al. 2017) except through the labels: pairs of one class (fraction f)
     * and of different classes are summed separately, {@code f·x_same·δ_same + (1 − f)·x_diff·δ_diff}.
     */
    private void weightGradient(Step s) {
        LayerInfo info = s.node.info;
        if (!info.hasWeights() || !info.trainable() || s.gradPoints < 0) {
            return;
        }
        Signal in = s.in;
        long n = s.gradPoints;
        double diag = 0;
        double typical = 0;
        for (int g = 0; g < w.length; g++) {
            double x2 = in == null ? 0 : in.m2[g] * s.inputScale;
            diag += w[g] * x2 * s.dz[g];
            typical = Math.max(typical, Math.sqrt(x2 * s.dz[g]));
        }
        double pairs;
        if (in == null) {
            pairs = 0;
        } else if (s.dense) {
            double f = Math.min(0.999999, sameClass());
            double xDiff = (in.cross.feature - f * in.cross.same) / (1 - f);
            double dDiff = (s.dzCross.feature - f * s.dzCross.same) / (1 - f);
            pairs = f * in.cross.same * s.dzCross.same + (1 - f) * xDiff * dDiff;
        } else {
            pairs = in.cross.unit * s.dzCross.unit;
        }
        double e = n * diag + (double) n * (n - 1) * pairs;
        double rms = Math.sqrt(Math.max(0, e));
        if (typical < tiny) {
            rms = 0; // every product x·δ underflows in the network's data type
        }
        double[] f = s.figures;
        f[Figure.GRADIENT_RMS.ordinal()] = rms;
        f[Figure.GRADIENT_NORM.ordinal()] = rms * Math.sqrt(s.weightCount);
        f[Figure.NON_FINITE_GRADIENTS.ordinal()] = 0;
        updateFigures(s, rms);
    }

    /** The first update of plain SGD, Nesterov momentum and the Adam family, from the gradient's RMS. */
    private void updateFigures(Step s, double rms) {
        Layer l = s.node.layer;
        IUpdater u = l instanceof BaseLayer ? ((BaseLayer) l).getIUpdater() : null;
        double g = topo.miniBatch ? rms / batch : rms;
        double step;
        if (u instanceof NoOp) {
            step = 0;
        } else if (u instanceof Nesterovs) {
            Nesterovs nu = (Nesterovs) u;
            double mom = nu.getMomentumISchedule() != null ? nu.getMomentumISchedule().valueAt(0, 0)
                    : nu.getMomentum();
            step = (1 + mom) * nu.getLearningRate(0, 0) * g;
        } else if (u instanceof Sgd) {
            step = u.getLearningRate(0, 0) * g;
        } else if (u instanceof Adam || u instanceof AMSGrad) {
            double eps = u instanceof Adam ? ((Adam) u).getEpsilon() : ((AMSGrad) u).getEpsilon();
            step = u.getLearningRate(0, 0) * g / (g + eps);
        } else if (u instanceof AdaMax) {
            step = u.getLearningRate(0, 0) * (g > 0 ? 1 : 0);
        } else if (u instanceof RmsProp) {
            RmsProp r = (RmsProp) u;
            step = r.getLearningRate(0, 0) * g / Math.sqrt((1 - r.getRmsDecay()) * g * g + r.getEpsilon());
        } else if (u instanceof AdaGrad) {
            AdaGrad a = (AdaGrad) u;
            step = a.getLearningRate(0, 0) * g / (g + a.getEpsilon());
        } else {
            if (u != null) {
                s.notes.add("update:parameter ratio not predicted for updater " + u.getClass().getSimpleName());
            }
            return;
        }
        double v = s.weights.variance();
        double perWeight = Double.isNaN(v) ? s.weights.gain() / Math.max(1, s.weightCount) : v
                + s.weights.mean() * s.weights.mean();
        double param = Math.sqrt(Math.max(0, perWeight) * s.weightCount);
        double update = step * Math.sqrt(s.weightCount);
        double[] f = s.figures;
        f[Figure.UPDATE_NORM.ordinal()] = update;
        f[Figure.PARAM_NORM.ordinal()] = param;
        f[Figure.UPDATE_RATIO.ordinal()] = param > 0 ? update / param : Double.NaN;
    }

    /** χ and the cumulative gain of every weighted layer, relative to the top (last trainable) one. */
    private void cumulativeGains() {
        List<Step> weighted = new ArrayList<>();
        for (Topology.Node n : topo.nodes) {
            Step s = steps.get(n);
            if (s.kind == Step.Kind.WEIGHTED && s.dz != null) {
                weighted.add(s);
            }
        }
        Step top = null;
        for (int i = weighted.size() - 1; i >= 0 && top == null; i--) {
            if (weighted.get(i).node.info.trainable()) {
                top = weighted.get(i);
            }
        }
        if (top == null) {
            return;
        }
        double ref = PreActivation.pooled(top.dz, w);
        for (int i = 0; i < weighted.size(); i++) {
            Step s = weighted.get(i);
            s.cumulative = ref > 0 ? PreActivation.pooled(s.dz, w) / ref : Double.NaN;
        }
        for (int i = 0; i + 1 < weighted.size(); i++) {
            Step s = weighted.get(i);
            Step next = weighted.get(i + 1);
            s.chi = next.cumulative > 0 ? s.cumulative / next.cumulative : Double.NaN;
        }
    }
}
