package org.dl4jinit.health;

/** The health of a layer, a finding or a whole iteration, from best to worst. */
public enum Verdict {
    /** Nothing to report. */
    HEALTHY,
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
}
