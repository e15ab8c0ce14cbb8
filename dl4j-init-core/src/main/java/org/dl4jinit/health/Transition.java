package org.dl4jinit.health;

import java.io.Serializable;

/**
 * A change of the verdict of one (layer, condition) from one checked iteration to the next: a finding that
 * appears, gets worse, gets better or goes away. The listener logs these (and nothing on iterations without
 * one), so a persistent finding is logged once, not every iteration. Immutable.
 */
public final class Transition implements Serializable {

    private static final long serialVersionUID = 1L;

    private final HealthCondition condition;
    private final Verdict from;
    private final Verdict to;
    private final Violation violation;

    /**
     * @param condition the condition
     * @param from      the verdict before (HEALTHY: the finding is new)
     * @param to        the verdict now (HEALTHY: the finding went away)
     * @param violation the finding now, or the last one before it went away
     */
    Transition(HealthCondition condition, Verdict from, Verdict to, Violation violation) {
        this.condition = condition;
        this.from = from;
        this.to = to;
        this.violation = violation;
    }

    /** @return the layer, or null for the model's score */
    public LayerInfo layer() {
        return violation.layer();
    }

    /** @return the condition */
    public HealthCondition condition() {
        return condition;
    }

    /** @return the verdict before */
    public Verdict from() {
        return from;
    }

    /** @return the verdict now */
    public Verdict to() {
        return to;
    }

    /** @return whether the finding appeared or got worse */
    public boolean worsened() {
        return to.ordinal() > from.ordinal();
    }

    /** @return whether the finding went away */
    public boolean recovered() {
        return to == Verdict.HEALTHY;
    }

    /** @return the finding now, or (when {@link #recovered()}) the last one before it went away */
    public Violation violation() {
        return violation;
    }

    @Override
    public String toString() {
        return violation.where() + " " + condition.title() + ": " + from + " -> " + to;
    }
}
