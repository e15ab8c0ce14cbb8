package org.dl4jinit.examples.study;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dl4jinit.health.HealthCondition;

/**
 * The study's outcome: every cell's result and how each published finding fared.
 *
 * @param plan      what was trained
 * @param cells     one result per cell, in plan order
 * @param findings  the published findings checked against the cells
 * @param wallMillis the whole study's wall time
 */
public record StudyResult(StudyPlan plan, List<CellResult> cells, List<FindingCheck> findings, long wallMillis) {

    /** Copies the lists. */
    public StudyResult {
        cells = List.copyOf(cells);
        findings = List.copyOf(findings);
    }

    /**
     * @param architecture an architecture id ({@link Architecture#id()})
     * @param init         an initializer
     * @return that cell's result, if it ran
     */
    public Optional<CellResult> cell(String architecture, StudyInit init) {
        return cells.stream().filter(c -> c.cell().architecture().id().equals(architecture)
                && c.cell().init() == init).findFirst();
    }

    /** @return the per-cell table, fixed width, as printed on the console */
    public String table() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-16s %-13s %-22s %-22s %-22s %8s %8s %8s %7s%n";
        sb.append(String.format(Locale.ROOT, fmt, "network", "init", "cond. 1 (not saturated)",
                "cond. 2 (not zero)", "gradients", "loss[0]", "loss", "test acc", "time"));
        for (CellResult c : cells) {
            sb.append(String.format(Locale.ROOT, fmt, c.cell().architecture().id(), c.cell().init().label(),
                    c.outcome(HealthCondition.Group.CONDITION_1_NOT_SATURATED).summary(),
                    c.outcome(HealthCondition.Group.CONDITION_2_NOT_ZERO).summary(),
                    c.outcome(HealthCondition.Group.GRADIENTS).summary(),
                    String.format(Locale.ROOT, "%.4f", c.initialLoss()),
                    String.format(Locale.ROOT, "%.4f", c.finalLoss()),
                    String.format(Locale.ROOT, "%.4f", c.testAccuracy()),
                    String.format(Locale.ROOT, "%.1fs", c.wallMillis() / 1000.0)));
        }
        sb.append("(verdict at the last iteration; \"first at i\" / \"failed at i\": the first iteration that failed, "
                + "failing / recovered at the end; loss: mean of the last tenth of the iterations)")
                .append(System.lineSeparator());
        return sb.toString();
    }

    /** @return the findings, one paragraph each */
    public String findingsText() {
        StringBuilder sb = new StringBuilder();
        for (FindingCheck f : findings) {
            sb.append(String.format(Locale.ROOT, "[%s] %s (%s)%n    %s%n", f.outcome().label(), f.finding().claim(),
                    f.finding().source(), f.evidence()));
        }
        return sb.toString();
    }
}
