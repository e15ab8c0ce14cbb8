package org.dl4jinit.bench;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Interleaved A/B timing of each {@link FillPair} in one JVM: in every round both initializers fill the same view
 * back to back (in alternating order, ABBA), and the ratio is taken per round. On a shared machine whose load
 * changes from second to second, per-round ratios of adjacent runs are far steadier than ratios of two JMH forks
 * run a minute apart; the report shows both.
 */
final class PairedFillComparison {

    /** Per-round ratios ours/DL4J and the medians of both sides, in milliseconds. */
    record Outcome(double oursMedianMs, double dl4jMedianMs, double ratioMedian, double ratioQ1, double ratioQ3,
            int rounds) {
    }

    private PairedFillComparison() {
    }

    /**
     * @param warmupRounds rounds run and discarded first
     * @param denseRounds  measured rounds for the dense shape (each fills 2 × 4096² values)
     * @param convRounds   measured rounds for the conv shape
     * @return the outcome of every pair on every shape
     */
    static Map<BenchShape, Map<FillPair, Outcome>> run(int warmupRounds, int denseRounds, int convRounds) {
        Map<BenchShape, Map<FillPair, Outcome>> all = new EnumMap<>(BenchShape.class);
        for (BenchShape shape : BenchShape.values()) {
            INDArray view = shape.newParamView();
            Map<FillPair, Outcome> byPair = new EnumMap<>(FillPair.class);
            for (FillPair pair : FillPair.values()) {
                int rounds = shape == BenchShape.DENSE ? denseRounds : convRounds;
                byPair.put(pair, compare(shape, view, pair.ours, pair.dl4j, warmupRounds, rounds));
                System.out.printf("# paired %s, %s: %s%n", pair.methodPrefix, shape.paramName(), byPair.get(pair));
            }
            all.put(shape, byPair);
        }
        return all;
    }

    private static Outcome compare(BenchShape shape, INDArray view, IWeightInit ours, IWeightInit dl4j,
            int warmupRounds, int rounds) {
        double[] oursMs = new double[rounds];
        double[] dl4jMs = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = -warmupRounds; r < rounds; r++) {
            double a;
            double b;
            if ((r & 1) == 0) {
                a = time(shape, view, ours);
                b = time(shape, view, dl4j);
            } else {
                b = time(shape, view, dl4j);
                a = time(shape, view, ours);
            }
            if (r >= 0) {
                oursMs[r] = a;
                dl4jMs[r] = b;
                ratios[r] = a / b;
            }
        }
        Arrays.sort(oursMs);
        Arrays.sort(dl4jMs);
        Arrays.sort(ratios);
        return new Outcome(quantile(oursMs, 0.5), quantile(dl4jMs, 0.5), quantile(ratios, 0.5),
                quantile(ratios, 0.25), quantile(ratios, 0.75), rounds);
    }

    private static double time(BenchShape shape, INDArray view, IWeightInit init) {
        long start = System.nanoTime();
        INDArray w = init.init(shape.fanIn, shape.fanOut, shape.shape, shape.order, view);
        // Reading one element waits for the native op and keeps the result observed.
        if (Double.isNaN(w.getDouble(0))) {
            throw new IllegalStateException(init + " produced NaN");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Linear-interpolated quantile of sorted values. */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
