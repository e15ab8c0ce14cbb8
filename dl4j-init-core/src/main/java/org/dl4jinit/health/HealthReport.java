package org.dl4jinit.health;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The health of one checked iteration: per-layer figures and verdicts, the findings and the overall verdict.
 * Immutable and detached from ND4J (plain doubles), so it can be kept, logged and shared across threads.
 */
public final class HealthReport implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String sessionId;
    private final String workerId;
    private final long timestamp;
    private final int iteration;
    private final int epoch;
    private final double score;
    private final List<LayerHealth> layers;
    private final List<Violation> violations;
    private final Verdict verdict;

    HealthReport(String sessionId, String workerId, long timestamp, int iteration, int epoch, double score,
            List<LayerHealth> layers, List<Violation> modelViolations) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.iteration = iteration;
        this.epoch = epoch;
        this.score = score;
        this.layers = List.copyOf(layers);
        List<Violation> all = new ArrayList<>(modelViolations);
        Verdict v = Verdict.HEALTHY;
        for (LayerHealth layer : this.layers) {
            all.addAll(layer.violations());
        }
        for (Violation violation : all) {
            v = v.worst(violation.verdict());
        }
        this.violations = List.copyOf(all);
        this.verdict = v;
    }

    /** @return the session id (the listener's) */
    public String sessionId() {
        return sessionId;
    }

    /** @return the worker id (the listener's) */
    public String workerId() {
        return workerId;
    }

    /** @return when the report was made, ms since the epoch (strictly increasing per listener) */
    public long timestamp() {
        return timestamp;
    }

    /** @return the model's iteration count when the checked iteration started */
    public int iteration() {
        return iteration;
    }

    /** @return the model's epoch count */
    public int epoch() {
        return epoch;
    }

    /** @return the model's score (loss) of the checked iteration */
    public double score() {
        return score;
    }

    /** @return every layer in depth order */
    public List<LayerHealth> layers() {
        return layers;
    }

    /**
     * @param name the layer's name (index as a string for MultiLayerNetwork, vertex name for ComputationGraph)
     * @return that layer
     * @throws IllegalArgumentException if there is no such layer
     */
    public LayerHealth layer(String name) {
        for (LayerHealth l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no layer named \"" + name + "\" in this report");
    }

    /** @return every finding, model-level (score) first, then layers in depth order */
    public List<Violation> violations() {
        return violations;
    }

    /** @return the worst verdict of all findings */
    public Verdict verdict() {
        return verdict;
    }

    /** @return true if there is no finding at all (not even a warning) */
    public boolean isHealthy() {
        return verdict == Verdict.HEALTHY;
    }

    /**
     * The worst verdict among findings of one necessary condition.
     *
     * @param group condition 1, condition 2, or gradients
     * @return the worst verdict in that group
     */
    public Verdict verdict(HealthCondition.Group group) {
        Verdict v = Verdict.HEALTHY;
        for (Violation violation : violations) {
            if (violation.condition().group() == group) {
                v = v.worst(violation.verdict());
            }
        }
        return v;
    }

    /** @return the report as a fixed-width table with the findings below it */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Gradient health, iteration %d (epoch %d), score %s: %s%n", iteration,
                epoch, Violation.format(score), verdict));
        String header = String.format(Locale.ROOT, "%-28s %-12s %10s %10s %7s %7s %7s %7s %10s %10s %10s %10s  %s%n",
                "layer", "activation", "mean", "std", "zero", "sat", "satU", "dead", "scale", "grad rms",
                "grad ratio", "upd ratio", "verdict");
        sb.append(header);
        for (LayerHealth l : layers) {
            sb.append(String.format(Locale.ROOT, "%-28s %-12s %10s %10s %7s %7s %7s %7s %10s %10s %10s %10s  %s%n",
                    clip(l.layer().index() + " " + l.name() + " " + l.type(), 28), clip(l.activation(), 12),
                    num(l.get(Figure.ACTIVATION_MEAN)), num(l.get(Figure.ACTIVATION_STD)),
                    pct(l.get(Figure.ZERO_FRACTION)), pct(l.get(Figure.SATURATED_FRACTION)),
                    pct(l.get(Figure.SATURATED_UNITS)), pct(l.get(Figure.DEAD_UNITS)),
                    num(l.get(Figure.SCALE_RATIO)), num(l.get(Figure.GRADIENT_RMS)),
                    num(l.get(Figure.GRADIENT_RATIO)), num(l.get(Figure.UPDATE_RATIO)), l.verdict()));
        }
        for (Violation v : violations) {
            sb.append("  - ").append(v.message()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    @Override
    public String toString() {
        return "HealthReport(iteration=" + iteration + ", verdict=" + verdict + ", violations=" + violations.size()
                + ")";
    }
}
