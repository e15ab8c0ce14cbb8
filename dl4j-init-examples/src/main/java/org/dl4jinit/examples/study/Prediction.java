package org.dl4jinit.examples.study;

import java.util.EnumMap;
import java.util.Map;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.propagation.LayerPrediction;
import org.dl4jinit.propagation.PropagationReport;

/**
 * What the signal-propagation analysis ({@link org.dl4jinit.propagation.SignalPropagation}) predicted for a
 * cell's hidden layers at iteration 0, from the configuration and the first batch's input moments, before the
 * network saw it: the figures the listener measures at iteration 0 ({@link #profile()}), the finite-width band of
 * the activation std and the verdict per condition group. Immutable.
 */
public final class Prediction {

    private final LayerProfile profile;
    private final double[] stdLow;
    private final double[] stdHigh;
    private final Map<HealthCondition.Group, Verdict> verdicts;
    private final double millis;

    private Prediction(LayerProfile profile, double[] stdLow, double[] stdHigh,
            Map<HealthCondition.Group, Verdict> verdicts, double millis) {
        this.profile = profile;
        this.stdLow = stdLow;
        this.stdHigh = stdHigh;
        this.verdicts = verdicts;
        this.millis = millis;
    }

    /**
     * @param report the analysis of the cell's configuration
     * @param hidden the number of hidden layers (the first {@code hidden} layers of the report)
     * @param millis how long the analysis took
     * @return the hidden layers' predicted figures and the predicted verdicts
     */
    public static Prediction of(PropagationReport report, int hidden, double millis) {
        LayerProfile profile = LayerProfile.of(0, hidden, report.layers().size(), i -> report.layers().get(i)::get);
        double[] low = new double[hidden];
        double[] high = new double[hidden];
        for (int i = 0; i < hidden; i++) {
            LayerPrediction l = report.layers().get(i);
            low[i] = l.stdLow();
            high[i] = l.stdHigh();
        }
        Map<HealthCondition.Group, Verdict> verdicts = new EnumMap<>(HealthCondition.Group.class);
        for (HealthCondition.Group g : HealthCondition.Group.values()) {
            verdicts.put(g, report.verdict(g));
        }
        return new Prediction(profile, low, high, verdicts, millis);
    }

    /** @return the predicted figures of the hidden layers at iteration 0 */
    public LayerProfile profile() {
        return profile;
    }

    /** @return the lower edge of each hidden layer's predicted activation-std band */
    public double[] stdLow() {
        return stdLow.clone();
    }

    /** @return the upper edge of each hidden layer's predicted activation-std band */
    public double[] stdHigh() {
        return stdHigh.clone();
    }

    /** @param group a condition group @return its predicted verdict at iteration 0 */
    public Verdict verdict(HealthCondition.Group group) {
        return verdicts.get(group);
    }

    /** @return how long the analysis took, ms */
    public double millis() {
        return millis;
    }
}
