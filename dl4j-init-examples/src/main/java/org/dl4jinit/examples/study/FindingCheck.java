package org.dl4jinit.examples.study;

/**
 * A published finding checked against the study's cells.
 *
 * @param finding  the finding
 * @param outcome  whether it reproduced
 * @param evidence the numbers behind the outcome, one line
 */
public record FindingCheck(PublishedFinding finding, Outcome outcome, String evidence) {

    /** Whether a finding reproduced. */
    public enum Outcome {
        /** The cells show what the paper found. */
        REPRODUCED("reproduced"),
        /** The cells ran but do not show it. */
        NOT_REPRODUCED("NOT reproduced"),
        /** The cells it needs were not part of this run (e.g. filtered out with --inits). */
        NOT_RUN("not run");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** @return the label in the report */
        public String label() {
            return label;
        }
    }

    /** Validates the arguments. */
    public FindingCheck {
        if (finding == null || outcome == null || evidence == null) {
            throw new IllegalArgumentException("finding, outcome and evidence must not be null");
        }
    }
}
