package org.dl4jinit.examples.study;

import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.Verdict;

/**
 * How one cell fared on one necessary condition (or on the gradients) over its whole run.
 *
 * @param group          condition 1, condition 2 or gradients
 * @param finalVerdict   the verdict at the last iteration
 * @param worstVerdict   the worst verdict at any iteration
 * @param firstFailing   the first iteration (0-based) whose verdict was FAILING, or -1 if none was
 * @param firstReason    the first failing finding's message, or "" if none
 */
public record GroupOutcome(HealthCondition.Group group, Verdict finalVerdict, Verdict worstVerdict, int firstFailing,
        String firstReason) {

    /** Validates the arguments. */
    public GroupOutcome {
        if (group == null || finalVerdict == null || worstVerdict == null || firstReason == null) {
            throw new IllegalArgumentException("group, verdicts and reason must not be null");
        }
        if (firstFailing < -1) {
            throw new IllegalArgumentException("firstFailing must be >= -1, was " + firstFailing);
        }
    }

    /** @return whether any iteration failed this condition */
    public boolean failed() {
        return firstFailing >= 0;
    }

    /**
     * @return the final verdict and, if any iteration failed, the first that did: {@code FAILING (first at 0)}
     *         (failing at the end), {@code healthy (failed at 3)} or {@code WARNING (failed at 3)} (failed, then
     *         recovered), {@code healthy} (never failed)
     */
    public String summary() {
        String v = finalVerdict == Verdict.HEALTHY ? "healthy" : finalVerdict.name();
        if (!failed()) {
            return v;
        }
        return finalVerdict == Verdict.FAILING ? v + " (first at " + firstFailing + ")"
                : v + " (failed at " + firstFailing + ")";
    }
}
