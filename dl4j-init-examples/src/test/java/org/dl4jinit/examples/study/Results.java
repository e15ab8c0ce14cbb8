package org.dl4jinit.examples.study;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.propagation.SignalPropagation;
import org.nd4j.linalg.activations.Activation;

/** Synthetic cell results for rule tests. */
final class Results {

    private Results() {
    }

    static CellResult cell(Activation act, int depth, StudyInit init, double startLoss, double endLoss,
            Verdict condition2, int firstFailing2) {
        return cell(act, depth, init, linear(startLoss, endLoss, 50), condition2, firstFailing2, 0.5, 0.5);
    }

    static CellResult cell(Activation act, int depth, StudyInit init, double[] loss, Verdict condition2,
            int firstFailing2, double topMeanEnd, double firstMeanEnd) {
        int n = loss.length;
        Map<HealthCondition.Group, GroupOutcome> outcomes = new EnumMap<>(HealthCondition.Group.class);
        for (HealthCondition.Group g : HealthCondition.Group.values()) {
            boolean c2 = g == HealthCondition.Group.CONDITION_2_NOT_ZERO;
            outcomes.put(g, new GroupOutcome(g, c2 ? condition2 : Verdict.HEALTHY,
                    c2 && firstFailing2 >= 0 ? Verdict.FAILING : c2 ? condition2 : Verdict.HEALTHY,
                    c2 ? firstFailing2 : -1, c2 && firstFailing2 >= 0 ? "layer 0: dead" : ""));
        }
        double[] zeros = new double[depth];
        LayerProfile p = LayerProfile.of(0, zeros, zeros, zeros, zeros);
        LayerProfile end = LayerProfile.of(n - 1, zeros, zeros, zeros, zeros);
        double[][] mean = new double[n][depth];
        double[][] sat = new double[n][depth];
        for (int i = 0; i < n; i++) {
            Arrays.fill(mean[i], 0.5);
            mean[i][depth - 1] = 0.5 + (topMeanEnd - 0.5) * i / Math.max(1, n - 1);
            mean[i][0] = 0.5 + (firstMeanEnd - 0.5) * i / Math.max(1, n - 1);
        }
        return new CellResult(new Cell(new Architecture(act, depth, 16), init), 128, loss, outcomes, p, end, mean, sat,
                0.5, 10, "");
    }

    /**
     * @return a synthetic cell as {@link #cell(Activation, int, StudyInit, double, double, Verdict, int)} with
     *         what the signal-propagation analysis predicts for its configuration on unit-variance inputs
     */
    static CellResult predicted(Activation act, int depth, StudyInit init) {
        CellResult c = cell(act, depth, init, 2.3, 1.0, Verdict.HEALTHY, -1);
        Architecture a = c.cell().architecture();
        Prediction prediction = Prediction.of(SignalPropagation.analyze(
                a.build(init.weightInit(), 1, 0.01, 0.9).getLayerWiseConfigurations(), 1.0), depth, 1.0);
        double[][] mean = new double[c.iterations()][];
        double[][] sat = new double[c.iterations()][];
        for (int i = 0; i < c.iterations(); i++) {
            mean[i] = new double[depth];
            sat[i] = new double[depth];
        }
        Map<HealthCondition.Group, GroupOutcome> outcomes = new EnumMap<>(HealthCondition.Group.class);
        for (GroupOutcome o : c.outcomes()) {
            outcomes.put(o.group(), o);
        }
        return new CellResult(c.cell(), c.batchSize(), c.loss(), outcomes, prediction.profile(), c.last(), mean, sat,
                c.testAccuracy(), c.wallMillis(), c.note(), prediction);
    }

    static double[] linear(double from, double to, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = from + (to - from) * i / (n - 1);
        }
        return y;
    }
}
