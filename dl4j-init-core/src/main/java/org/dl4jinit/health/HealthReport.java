package org.dl4jinit.health;

import static org.dl4jinit.health.TableCells.clip;
import static org.dl4jinit.health.TableCells.number;
import static org.dl4jinit.health.TableCells.percent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The health of one checked iteration of one model: per-layer figures and verdicts, the findings, the overall
 * verdict, the headline finding (the diagnosed root cause), how many checked iterations in a row were FAILING,
 * and what changed since the previous iteration. Immutable and detached from ND4J (plain doubles), so it can be
 * kept, logged, recorded and shared across threads.
 *
 * <p><b>What to branch on.</b> {@link #isFailing()} (verdict FAILING): a necessary condition of trainability is
 * violated — stop, or fix and restart. A WARNING ({@link #hasWarnings()}) is a figure outside its healthy band
 * that training can still survive: look at it, do not abort on it. {@link #isHealthy()} means no finding at all.
 * <pre>{@code
 * HealthReport r = GradientHealth.check(net, batch);
 * if (r.isFailing()) {
 *     throw new IllegalStateException(r.headline().get().message());
 * }
 * }</pre>
 */
public final class HealthReport implements Serializable {

    private static final long serialVersionUID = 2L;

    private final String sessionId;
    private final String workerId;
    private final long timestamp;
    private final int iteration;
    private final int epoch;
    private final double score;
    private final String modelType;
    private final List<LayerHealth> layers;
    private final List<Violation> modelFindings;
    private final List<Violation> violations;
    private final Verdict verdict;
    private final int failingStreak;
    private final Violation headline;
    private final List<Transition> transitions;

    /**
     * A report as the listener makes it, or as a record decodes it.
     *
     * @param sessionId     the session id
     * @param workerId      the worker id
     * @param timestamp     ms since the epoch
     * @param iteration     the model's iteration count when the checked iteration started
     * @param epoch         the model's epoch count
     * @param score         the model's score
     * @param modelType     the model's class name
     * @param layers        every layer in depth order
     * @param modelFindings model-level findings (non-finite score)
     * @param failingStreak consecutive checked iterations with a FAILING verdict up to this one (0 if this one is
     *                      not FAILING)
     * @param headline      the headline finding, one of the layers' or model-level findings; null if none
     * @param transitions   what changed since the previous checked iteration (empty when decoded from a record)
     * @throws IllegalArgumentException if the headline is not one of the findings, or the streak does not fit
     *                                  the verdict
     */
    public HealthReport(String sessionId, String workerId, long timestamp, int iteration, int epoch, double score,
            String modelType, List<LayerHealth> layers, List<Violation> modelFindings, int failingStreak,
            Violation headline, List<Transition> transitions) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.iteration = iteration;
        this.epoch = epoch;
        this.score = score;
        this.modelType = modelType;
        this.layers = List.copyOf(layers);
        this.modelFindings = List.copyOf(modelFindings);
        List<Violation> all = new ArrayList<>(modelFindings);
        Verdict v = Verdict.HEALTHY;
        for (LayerHealth layer : this.layers) {
            all.addAll(layer.violations());
        }
        for (Violation violation : all) {
            v = v.worst(violation.verdict());
        }
        this.violations = List.copyOf(all);
        this.verdict = v;
        if (headline != null && !all.contains(headline)) {
            throw new IllegalArgumentException("headline must be one of the report's findings, was " + headline);
        }
        if (failingStreak < 0 || (failingStreak > 0) != (v == Verdict.FAILING)) {
            throw new IllegalArgumentException("failingStreak must be >= 1 exactly when the verdict is FAILING, was "
                    + failingStreak + " with verdict " + v);
        }
        this.failingStreak = failingStreak;
        this.headline = headline;
        this.transitions = List.copyOf(transitions);
    }

    /** @return the session id (the listener's) */
    public String sessionId() {
        return sessionId;
    }

    /** @return the worker id: the listener's, or derived from it for a second model (see the listener) */
    public String workerId() {
        return workerId;
    }

    /** @return when the report was made, ms since the epoch (strictly increasing per model) */
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

    /** @return the model's class name, e.g. "org.deeplearning4j.nn.multilayer.MultiLayerNetwork" */
    public String modelType() {
        return modelType;
    }

    /** @return every layer in depth order */
    public List<LayerHealth> layers() {
        return layers;
    }

    /**
     * @param name the layer's name (see {@link LayerInfo#name()})
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

    /** @return every finding: model-level first, then the layers' in depth order */
    public List<Violation> violations() {
        return violations;
    }

    /** @return the model-level findings (a non-finite score) */
    public List<Violation> modelFindings() {
        return modelFindings;
    }

    /**
     * The finding the diagnosis names as the root cause: FAILING before WARNING, then the most specific cause
     * (a divergence, the learning rate, zero or symmetric weights, a bias, the weights' scale), then the
     * earliest layer. The exception message, the log line, a sweep's prune reason and the page's reason use it.
     *
     * @return the headline finding, empty when there is none
     */
    public Optional<Violation> headline() {
        return Optional.ofNullable(headline);
    }

    /** @return the worst verdict of all findings: HEALTHY, WARNING or FAILING */
    public Verdict verdict() {
        return verdict;
    }

    /** @return true if the verdict is FAILING: training cannot work as it is; this is what to stop on */
    public boolean isFailing() {
        return verdict == Verdict.FAILING;
    }

    /** @return true if the verdict is WARNING: something to look at, not a reason to stop */
    public boolean hasWarnings() {
        return verdict == Verdict.WARNING;
    }

    /** @return true if there is no finding at all (not even a warning) */
    public boolean isHealthy() {
        return verdict == Verdict.HEALTHY;
    }

    /**
     * @return how many checked iterations in a row, up to and including this one, had a FAILING verdict (0 when
     *         this one is not FAILING). THROW, {@link HealthTerminationCondition} and a sweep's pruning rule all
     *         read this one counter.
     */
    public int failingStreak() {
        return failingStreak;
    }

    /** @return the (layer, condition) verdicts that changed since the previous checked iteration of the model */
    public List<Transition> transitions() {
        return transitions;
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

    /**
     * @return the report as a fixed-width table, one row per layer in depth order under its name (the configured
     *         name, else its index: {@link LayerInfo#name()}) and type, with the headline and the findings below it
     */
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
                    clip(l.name() + " " + l.type(), 28), clip(l.activation(), 12),
                    number(l.get(Figure.ACTIVATION_MEAN)), number(l.get(Figure.ACTIVATION_STD)),
                    percent(l.get(Figure.ZERO_FRACTION)), percent(l.get(Figure.SATURATED_FRACTION)),
                    percent(l.get(Figure.SATURATED_UNITS)), percent(l.get(Figure.DEAD_UNITS)),
                    number(l.get(Figure.SCALE_RATIO)), number(l.get(Figure.GRADIENT_RMS)),
                    number(l.get(Figure.GRADIENT_RATIO)), number(l.get(Figure.UPDATE_RATIO)), l.verdict().label()));
        }
        if (headline != null) {
            sb.append("headline: ").append(headline.message()).append(System.lineSeparator());
        }
        for (Violation v : violations) {
            if (v != headline) {
                sb.append("  - ").append(v.message()).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "HealthReport(worker=" + workerId + ", iteration=" + iteration + ", verdict=" + verdict
                + ", violations=" + violations.size() + ")";
    }
}
