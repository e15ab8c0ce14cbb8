package org.dl4jinit.health;

/**
 * The health of a layer, a finding or a whole iteration, from best to worst. A finding is WARNING or FAILING;
 * a layer may also be {@link #NOT_MEASURED}; an iteration is HEALTHY, WARNING or FAILING.
 */
public enum Verdict {
    /** Nothing to report. */
    HEALTHY,
    /**
     * A layer downstream of a divergence (NaN/Inf in an earlier layer's activations or a later layer's
     * gradients): its figures are not measurements, so it is neither healthy nor judged. Shown as "not measured
     * (diverged upstream)". Only layers have this verdict; the iteration is FAILING (the divergence).
     */
    NOT_MEASURED,
    /** A figure is outside its healthy band but training can still work. */
    WARNING,
    /** A necessary condition of trainability is violated. */
    FAILING;

    /**
     * @param other another verdict
     * @return the worse of the two
     */
    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** @return how a layer's verdict reads in tables and on the page: "not measured (diverged upstream)" */
    public String label() {
        return this == NOT_MEASURED ? "not measured (diverged upstream)" : name();
    }
}
