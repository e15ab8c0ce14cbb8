package org.dl4jinit.propagation;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything known about one node of the {@link Topology}, filled by the forward pass ({@link Propagator}) and
 * then the backward pass ({@link Backward}). Mutable, one per node and analysis.
 */
final class Step {

    /** What kind of node it is (which forward and backward rules apply). */
    enum Kind {
        INPUT, WEIGHTED, ACTIVATION, BATCH_NORM, DROPOUT, MAX_POOL, AVG_POOL, ELEMENT_WISE, MERGE, SCALE, PASS, LOSS,
        ASSUMED
    }

    final Topology.Node node;
    Kind kind = Kind.PASS;
    Modelling modelling = Modelling.MODELLED;
    /** Approximations and assumptions, for the report. */
    final List<String> notes = new ArrayList<>();
    /** The values coming in (after the input preprocessor) and going out. */
    Signal in;
    Signal out;
    /** Weighted layers: the weights, the pre-activation, the activation's response to it. */
    WeightMoments weights;
    PreActivation pre;
    Response response;
    /** Dropout on the input: the factor on its second moment. */
    double inputScale = 1;
    /** Backward: the factor from the error's mean square here to the input's, and for two-point products. */
    double backGain;
    double backCross;
    /** Products x·δ summed into one weight gradient (batch × positions; −1 unknown), and the weights. */
    long gradPoints;
    long weightCount;
    /** A dense layer (a unit's values are its examples) rather than a convolution (examples × positions). */
    boolean dense = true;
    /** Element-wise vertices: the backward factor per input. */
    double[] elementFactors;
    /** The predicted figures, indexed by {@code Figure.ordinal()}. */
    double[] figures;
    /** The variance of log std from finite width (NaN: no band). */
    double stdNoise = Double.NaN;
    /** 2·tr(K²)/tr(K)² of one unit's inputs (see {@link Response}). */
    double scaleSpread;
    /** Backward: the error's mean square per input group at the output, and its two-point products. */
    double[] gradIn;
    Cross gradCross = Cross.ZERO;
    boolean reached;
    /** Backward: the same at the pre-activation. */
    double[] dz;
    Cross dzCross = Cross.ZERO;
    /** The gain to the next weighted layer and from the top. */
    double chi = Double.NaN;
    double cumulative = Double.NaN;

    Step(Topology.Node node) {
        this.node = node;
    }

    void approximate(String note) {
        if (modelling == Modelling.MODELLED) {
            modelling = Modelling.APPROXIMATED;
        }
        notes.add(note);
    }
}
