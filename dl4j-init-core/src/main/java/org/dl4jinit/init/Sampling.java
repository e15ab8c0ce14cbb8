package org.dl4jinit.init;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * In-place random fills on ND4J's global RNG. Each fill is one native op over the target (no temporary of the
 * target's size, no copy), which is what makes these initializers faster than DL4J's built-ins that draw
 * into a new array and then scale it.
 */
final class Sampling {

    /** Rounds of redrawing after which a truncated-normal fill gives up (each round keeps ~95% of draws). */
    private static final int MAX_REDRAW_ROUNDS = 1000;

    private Sampling() {
    }

    /** Fills {@code view} with N(mean, std²) in place. */
    static void normal(INDArray view, double mean, double std) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(view, mean, std), Nd4j.getRandom());
    }

    /** Fills {@code view} with U(lower, upper) in place. */
    static void uniform(INDArray view, double lower, double upper) {
        Nd4j.getExecutioner().exec(new UniformDistribution(view, lower, upper), Nd4j.getRandom());
    }

    /**
     * Fills {@code view} with N(mean, std²) truncated to {@code [mean - k·std, mean + k·std]}: draws outside
     * are redrawn until every value lies inside (rejection sampling, so the shape of the normal inside the
     * bounds is exact).
     */
    static void truncatedNormal(INDArray view, double mean, double std, double k) {
        normal(view, 0.0, 1.0);
        long outside = countAbsGreaterThan(view, k);
        for (int round = 0; outside > 0; round++) {
            if (round == MAX_REDRAW_ROUNDS) {
                throw new IllegalStateException("truncated normal: " + outside + " draws still beyond " + k
                        + " standard deviations after " + MAX_REDRAW_ROUNDS + " rounds");
            }
            INDArray candidates = Nd4j.randn(view.dataType(), view.shape());
            BooleanIndexing.replaceWhere(view, candidates, Conditions.absGreaterThan(k));
            outside = countAbsGreaterThan(view, k);
        }
        view.muli(std);
        if (mean != 0.0) {
            view.addi(mean);
        }
    }

    private static long countAbsGreaterThan(INDArray view, double k) {
        return Nd4j.getExecutioner().exec(new MatchCondition(view, Conditions.absGreaterThan(k)))
                .getLong(0);
    }
}
