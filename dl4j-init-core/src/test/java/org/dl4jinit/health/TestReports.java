package org.dl4jinit.health;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** Hand-made reports for tests outside this package (the constructors are package-private). */
public final class TestReports {

    private TestReports() {
    }

    /**
     * A two-layer report: a tanh hidden layer with a saturation FAILING and a zero-activation WARNING, an
     * output layer with NaN activation figures, and a model-level NaN-score finding.
     */
    public static HealthReport withEveryKindOfFinding(String session, String worker, long timestamp) {
        LayerInfo hidden = new LayerInfo(0, "0", "DenseLayer", new ActivationTanH(), 1, false, new String[] {"W"},
                new String[] {"0_W"}, true, false, false);
        LayerInfo out = new LayerInfo(1, "out", "OutputLayer", new ActivationSoftmax(), -1, false,
                new String[] {"W"}, new String[] {"out_W"}, false, true, false);
        double[] f0 = new double[Figure.count()];
        for (int i = 0; i < f0.length; i++) {
            f0[i] = 0.125 * (i + 1);
        }
        f0[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 0;
        f0[Figure.GRADIENT_RMS.ordinal()] = 1e-30; // tiny, but still a normal float after narrowing
        double[] f1 = new double[Figure.count()];
        Arrays.fill(f1, Double.NaN);
        f1[Figure.GRADIENT_NORM.ordinal()] = 3.5;
        f1[Figure.UPDATE_RATIO.ordinal()] = Double.POSITIVE_INFINITY;
        Violation sat = new Violation(hidden.describe(), HealthCondition.SATURATION, Verdict.FAILING,
                "fraction of saturated activations", 0.75, 0.5);
        Violation zero = new Violation(hidden.describe(), HealthCondition.ZERO_ACTIVATIONS, Verdict.WARNING,
                "fraction of zero activations", 0.6, 0.5);
        Violation score = new Violation("score", HealthCondition.NON_FINITE, Verdict.FAILING, "score", Double.NaN,
                Double.NaN);
        return new HealthReport(session, worker, timestamp, 42, 3, Double.NaN,
                List.of(new LayerHealth(hidden, f0, List.of(sat, zero)), new LayerHealth(out, f1, List.of())),
                List.of(score));
    }
}
