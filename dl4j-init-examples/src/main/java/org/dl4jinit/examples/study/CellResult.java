package org.dl4jinit.examples.study;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dl4jinit.health.HealthCondition;

/**
 * What one cell measured: the loss per iteration, the outcome per necessary condition, per-layer figures of the
 * hidden layers at the first and the last iteration, each hidden layer's activation mean and saturated fraction
 * per iteration, the test accuracy and the wall time; and what the signal-propagation analysis predicted for
 * iteration 0, when the cell was predicted. Immutable (arrays are copied in and out).
 */
public final class CellResult {

    private final Cell cell;
    private final double[] loss;
    private final Map<HealthCondition.Group, GroupOutcome> outcomes;
    private final LayerProfile first;
    private final LayerProfile last;
    private final double[][] activationMean;
    private final double[][] saturated;
    private final double testAccuracy;
    private final long wallMillis;
    private final String note;
    private final int batchSize;
    private final Prediction prediction;

    /**
     * @param cell           the cell
     * @param loss           the training loss (mini-batch score) per iteration
     * @param outcomes       one outcome per condition group
     * @param first          hidden-layer figures at the first iteration
     * @param last           hidden-layer figures at the last iteration
     * @param activationMean [iteration][hidden layer] activation mean
     * @param saturated      [iteration][hidden layer] saturated fraction
     * @param testAccuracy   accuracy on the test examples, in [0, 1]
     * @param wallMillis     training and evaluation time
     * @param note           what else happened (e.g. LSUV's summary), may be empty
     * @param batchSize      examples per iteration
     */
    public CellResult(Cell cell, int batchSize, double[] loss, Map<HealthCondition.Group, GroupOutcome> outcomes, LayerProfile first,
            LayerProfile last, double[][] activationMean, double[][] saturated, double testAccuracy, long wallMillis,
            String note) {
        this(cell, batchSize, loss, outcomes, first, last, activationMean, saturated, testAccuracy, wallMillis, note,
                null);
    }

    /**
     * As {@link #CellResult(Cell, int, double[], Map, LayerProfile, LayerProfile, double[][], double[][], double,
     * long, String)}, with what the signal-propagation analysis predicted for iteration 0.
     *
     * @param prediction the prediction, or null when the cell was not predicted
     */
    public CellResult(Cell cell, int batchSize, double[] loss, Map<HealthCondition.Group, GroupOutcome> outcomes,
            LayerProfile first, LayerProfile last, double[][] activationMean, double[][] saturated,
            double testAccuracy, long wallMillis, String note, Prediction prediction) {
        if (loss.length == 0) {
            throw new IllegalArgumentException("loss must hold at least one iteration, was empty");
        }
        if (outcomes.size() != HealthCondition.Group.values().length) {
            throw new IllegalArgumentException("outcomes must cover every condition group, were " + outcomes.keySet());
        }
        this.cell = cell;
        this.batchSize = batchSize;
        this.loss = loss.clone();
        this.outcomes = new EnumMap<>(outcomes);
        this.first = first;
        this.last = last;
        this.activationMean = deepCopy(activationMean);
        this.saturated = deepCopy(saturated);
        this.testAccuracy = testAccuracy;
        this.wallMillis = wallMillis;
        this.note = note == null ? "" : note;
        if (prediction != null && prediction.profile().layers() != first.layers()) {
            throw new IllegalArgumentException("the prediction must cover the " + first.layers()
                    + " hidden layers, covered " + prediction.profile().layers());
        }
        this.prediction = prediction;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** @return the cell */
    public Cell cell() {
        return cell;
    }

    /** @return examples per iteration */
    public int batchSize() {
        return batchSize;
    }

    /** @return the loss per iteration */
    public double[] loss() {
        return loss.clone();
    }

    /** @return the number of training iterations run */
    public int iterations() {
        return loss.length;
    }

    /** @return the loss of the first iteration */
    public double initialLoss() {
        return loss[0];
    }

    /**
     * The final loss, smoothed: the mean over the last tenth of the iterations (at least one), so that one noisy
     * mini-batch does not decide a comparison.
     *
     * @return the smoothed final loss
     */
    public double finalLoss() {
        int n = Math.max(1, loss.length / 10);
        double s = 0;
        for (int i = loss.length - n; i < loss.length; i++) {
            s += loss[i];
        }
        return s / n;
    }

    /** @param group a condition group @return the outcome */
    public GroupOutcome outcome(HealthCondition.Group group) {
        return outcomes.get(group);
    }

    /** @return the outcomes in group order */
    public List<GroupOutcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    /** @return hidden-layer figures at the first iteration */
    public LayerProfile first() {
        return first;
    }

    /** @return what the signal-propagation analysis predicted for iteration 0, if the cell was predicted */
    public Optional<Prediction> prediction() {
        return Optional.ofNullable(prediction);
    }

    /** @return hidden-layer figures at the last iteration */
    public LayerProfile last() {
        return last;
    }

    /** @param layer hidden layer index @return its activation mean per iteration */
    public double[] activationMean(int layer) {
        return column(activationMean, layer);
    }

    /** @param layer hidden layer index @return its saturated fraction per iteration */
    public double[] saturated(int layer) {
        return column(saturated, layer);
    }

    private static double[] column(double[][] a, int layer) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i][layer];
        }
        return c;
    }

    /**
     * @param layer     hidden layer index
     * @param threshold a saturated fraction
     * @return the first iteration at which that layer's saturated fraction reached the threshold, or -1
     */
    public int firstSaturated(int layer, double threshold) {
        for (int i = 0; i < saturated.length; i++) {
            if (saturated[i][layer] >= threshold) {
                return i;
            }
        }
        return -1;
    }

    /** @param layer hidden layer index @return the largest saturated fraction over the run */
    public double maxSaturated(int layer) {
        return Arrays.stream(saturated(layer)).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** @return the number of hidden layers */
    public int hiddenLayers() {
        return first.layers();
    }

    /** @return the test accuracy */
    public double testAccuracy() {
        return testAccuracy;
    }

    /** @return the wall time of the cell, ms */
    public long wallMillis() {
        return wallMillis;
    }

    /** @return a note (e.g. LSUV's summary), or "" */
    public String note() {
        return note;
    }
}
