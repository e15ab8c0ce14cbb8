package org.dl4jinit.health;

import java.util.Arrays;
import java.util.List;

/** Hand-made reports for tests outside this package. */
public final class TestReports {

    private TestReports() {
    }

    /**
     * A three-layer report with every kind of content: a tanh hidden layer with a diagnosed saturation FAILING
     * (the headline) and an undiagnosed zero-activation WARNING, an output layer with NaN and infinite figures,
     * a layer not measured (downstream of a divergence), and a model-level NaN-score finding; a failing streak
     * of 3.
     */
    public static HealthReport withEveryKindOfFinding(String session, String worker, long timestamp) {
        LayerInfo hidden = new LayerInfo(0, "0", "DenseLayer", "tanh", ActivationFamily.SYMMETRIC,
                "NormalInit(mean=0.0, std=1.0)", true, true, false);
        LayerInfo out = new LayerInfo(1, "out", "OutputLayer", "softmax", ActivationFamily.NONE, "XavierInit",
                true, false, true);
        LayerInfo after = new LayerInfo(2, "merge", "MergeVertex", "none", ActivationFamily.NONE, "none", false,
                true, false);
        double[] f0 = new double[Figure.count()];
        for (int i = 0; i < f0.length; i++) {
            f0[i] = 0.125 * (i + 1);
        }
        f0[Figure.NON_FINITE_ACTIVATIONS.ordinal()] = 0;
        f0[Figure.GRADIENT_RMS.ordinal()] = 1e-30; // tiny, but still a normal float after narrowing
        f0[Figure.SCORE.ordinal()] = Double.NaN;
        double[] f1 = new double[Figure.count()];
        Arrays.fill(f1, Double.NaN);
        f1[Figure.GRADIENT_NORM.ordinal()] = 3.5;
        f1[Figure.UPDATE_RATIO.ordinal()] = Double.POSITIVE_INFINITY;
        double[] f2 = new double[Figure.count()];
        Arrays.fill(f2, Double.NaN);
        Violation sat = new Violation(hidden, HealthCondition.SATURATION, Verdict.FAILING,
                Figure.SATURATED_FRACTION, 0.75, 0.5, new Diagnosis(Diagnosis.Cause.WEIGHTS_TOO_LARGE,
                        "the weights of layer 0 (DenseLayer, tanh) were initialized with RMS 1.000, 14.1× the RMS "
                                + "0.0707 that tanh needs",
                        "use XavierInit with gain 5/3 (XavierInit.uniform(ActivationGain.TANH)) for tanh layers"));
        Violation zero = new Violation(hidden, HealthCondition.ZERO_ACTIVATIONS, Verdict.WARNING,
                Figure.ZERO_FRACTION, 0.6, 0.5, Diagnosis.unexplained(HealthCondition.ZERO_ACTIVATIONS));
        Violation score = new Violation(null, HealthCondition.NON_FINITE, Verdict.FAILING, Figure.SCORE, Double.NaN,
                Double.NaN, Diagnosis.unexplained(HealthCondition.NON_FINITE));
        return new HealthReport(session, worker, timestamp, 42, 3, Double.NaN,
                "org.deeplearning4j.nn.graph.ComputationGraph",
                List.of(new LayerHealth(hidden, f0, true, List.of(sat, zero)),
                        new LayerHealth(out, f1, true, List.of()), new LayerHealth(after, f2, false, List.of())),
                List.of(score), 3, sat, List.of());
    }
}
