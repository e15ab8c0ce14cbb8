package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dl4jinit.health.HealthRules.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Every rule against the default thresholds, one row per (rule, activation family, threshold, side): just
 * below, at and just above each threshold, without history; then the hysteresis of every banded rule: a finding
 * that entered stays until its figure is back past the threshold by the margin (0.05 for fractions, a factor of 2
 * for ratios).
 */
class HealthRulesTableTest {

    private static final HealthThresholds T = HealthThresholds.defaults();
    /** One activation per family; the NONE family has no saturation rules. */
    private static final IActivation[] FAMILIES = {new ActivationSigmoid(), new ActivationTanH(), new ActivationReLU(),
        new ActivationELU(), new ActivationIdentity()};
    private static final double EPS = 1e-6;

    private static LayerInfo layer(IActivation fn) {
        return new LayerInfo(1, "1", "DenseLayer", fn, 2, false, new String[] {"W"}, new String[] {"1_W"}, true,
                false, false);
    }

    /** Figures of a layer with activations and a non-zero gradient, everything else at a healthy value. */
    private static double[] healthy() {
        double[] f = new double[Figure.count()];
        Arrays.fill(f, Double.NaN);
        f[Figure.ACTIVATION_MEAN.ordinal()] = 0;
        f[Figure.ACTIVATION_STD.ordinal()] = 1;
        f[Figure.ZERO_FRACTION.ordinal()] = 0;
        f[Figure.SATURATED_FRACTION.ordinal()] = 0;
        f[Figure.SATURATED_UNITS.ordinal()] = 0;
        f[Figure.DEAD_UNITS.ordinal()] = 0;
        f[Figure.SCALE_RATIO.ordinal()] = 1;
        f[Figure.GRADIENT_NORM.ordinal()] = 1;
        f[Figure.GRADIENT_RATIO.ordinal()] = 1;
        f[Figure.UPDATE_RATIO.ordinal()] = 1e-3;
        f[Figure.SYMMETRIC_UNITS.ordinal()] = 0;
        return f;
    }

    /** The band a banded rule judges a family with, or null if the rule does not apply to it. */
    private static HealthThresholds.Band band(Rule rule, ActivationFamily family) {
        boolean rectifier = family == ActivationFamily.RECTIFIER;
        switch (rule) {
            case SATURATED_FRACTION:
                return rectifier ? T.rectifierZeroRegion() : T.saturatedFraction();
            case SATURATED_UNITS:
                return rectifier ? null : T.saturatedUnits();
            case ZERO_FRACTION:
                return rectifier ? null : T.zeroFraction();
            case DEAD_UNITS:
                return T.deadUnits();
            case SCALE_COLLAPSE:
                return T.scaleCollapse();
            case VANISHING:
                return T.vanishingGradient();
            case EXPLODING:
                return T.explodingGradient();
            default:
                return null;
        }
    }

    /** A value just beyond (+1), at (0) or just before (−1) a threshold, in the direction that is worse. */
    private static double near(double threshold, int side, boolean higherIsWorse) {
        double step = side * (higherIsWorse ? 1 : -1);
        return threshold > 0.5 || threshold < 1e-2 || threshold > 1 ? threshold * (1 + step * EPS)
                : threshold + step * EPS;
    }

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            for (IActivation fn : FAMILIES) {
                ActivationFamily family = ActivationFamily.of(fn);
                HealthThresholds.Band b = band(rule, family);
                if (b == null) {
                    continue;
                }
                for (Verdict level : List.of(Verdict.WARNING, Verdict.FAILING)) {
                    double t = level == Verdict.WARNING ? b.warn() : b.fail();
                    Verdict below = level == Verdict.WARNING ? Verdict.HEALTHY : Verdict.WARNING;
                    rows.add(row(rule, fn, level + " just below", near(t, -1, b.higherIsWorse()), below));
                    rows.add(row(rule, fn, level + " at", t, below));
                    rows.add(row(rule, fn, level + " just above", near(t, 1, b.higherIsWorse()), level));
                }
            }
        }
        // rules that do not apply to a family: a terrible value is still HEALTHY
        for (IActivation fn : FAMILIES) {
            ActivationFamily family = ActivationFamily.of(fn);
            if (family == ActivationFamily.RECTIFIER) {
                rows.add(row(Rule.ZERO_FRACTION, fn, "not judged for rectifiers", 1.0, Verdict.HEALTHY));
                rows.add(row(Rule.SATURATED_UNITS, fn, "not judged for rectifiers", 1.0, Verdict.HEALTHY));
            }
        }
        // the update:parameter ratio: a warning only, on both sides of its band
        for (double[] r : new double[][] {{T.updateRatioHigh() * (1 + EPS), 1}, {T.updateRatioHigh(), 0},
            {T.updateRatioHigh() * (1 - EPS), 0}, {T.updateRatioLow() * (1 - EPS), 1}, {T.updateRatioLow(), 0},
            {T.updateRatioLow() * (1 + EPS), 0}, {1e6, 1}}) {
            rows.add(row(Rule.UPDATE_RATIO, new ActivationTanH(), "ratio " + r[0], r[0],
                    r[1] == 1 ? Verdict.WARNING : Verdict.HEALTHY));
        }
        // binary rules
        rows.add(row(Rule.ZERO_GRADIENT, new ActivationReLU(), "gradient norm 0", 0, Verdict.FAILING));
        rows.add(row(Rule.ZERO_GRADIENT, new ActivationReLU(), "gradient norm 1e-30", 1e-30, Verdict.HEALTHY));
        rows.add(row(Rule.SYMMETRY, new ActivationTanH(), "identical units", 1, Verdict.FAILING));
        rows.add(row(Rule.SYMMETRY, new ActivationTanH(), "distinct units", 0, Verdict.HEALTHY));
        rows.add(row(Rule.SYMMETRY, new ActivationTanH(), "no weights checked", Double.NaN, Verdict.HEALTHY));
        return rows.stream();
    }

    private static Arguments row(Rule rule, IActivation fn, String where, double value, Verdict expected) {
        return Arguments.of(String.format(Locale.ROOT, "%s %s %s (%s) -> %s", rule, ActivationFamily.of(fn), where,
                value, expected), rule, fn, value, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void ruleJudgesItsFigureAtItsThresholds(String name, Rule rule, IActivation fn, double value, Verdict expected) {
        double[] f = healthy();
        f[rule.figure.ordinal()] = value;
        LayerInfo info = layer(fn);
        assertThat(rule.judge(info, f, T, Verdict.HEALTHY)).isEqualTo(expected);
        // and through the rules: a finding exactly when the verdict is not HEALTHY, with the rule's condition
        Verdict[] previous = new Verdict[Rule.count()];
        Arrays.fill(previous, Verdict.HEALTHY);
        List<Violation> found = HealthRules.evaluate(info, f, T, previous);
        if (expected == Verdict.HEALTHY) {
            assertThat(found).noneMatch(v -> v.figure() == rule.figure && v.condition() == rule.condition);
        } else {
            assertThat(found).anySatisfy(v -> {
                assertThat(v.condition()).isEqualTo(rule.condition);
                assertThat(v.figure()).isEqualTo(rule.figure);
                assertThat(v.verdict()).isEqualTo(expected);
                assertThat(Double.compare(v.value(), value)).isZero();
            });
        }
    }

    /** The rules on a layer's values, with a value each would judge FAILING for a tanh layer. */
    static Stream<Arguments> valueRules() {
        return Stream.of(Arguments.of(Rule.ZERO_FRACTION, 1.0), Arguments.of(Rule.DEAD_UNITS, 1.0),
                Arguments.of(Rule.SATURATED_FRACTION, 1.0), Arguments.of(Rule.SATURATED_UNITS, 1.0),
                Arguments.of(Rule.SCALE_COLLAPSE, 1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueRules")
    void aLayerNotJudgedOnItsValuesHasNoValueFindingAndARectifiedOneNoZeroFinding(Rule rule, double value) {
        double[] f = healthy();
        f[rule.figure.ordinal()] = value;
        LayerInfo tanh = layer(new ActivationTanH());
        assertThat(rule.judge(tanh, f, T, Verdict.HEALTHY)).isEqualTo(Verdict.FAILING);
        assertThat(rule.judge(tanh.withValueRules(ValueRules.NOT_JUDGED), f, T, Verdict.HEALTHY))
                .isEqualTo(Verdict.HEALTHY);
        assertThat(rule.judge(tanh.withValueRules(ValueRules.RECTIFIED), f, T, Verdict.HEALTHY))
                .isEqualTo(rule == Rule.ZERO_FRACTION ? Verdict.HEALTHY : Verdict.FAILING);
    }

    static Stream<Arguments> hysteresis() {
        List<Arguments> rows = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            HealthThresholds.Band b = band(rule, ActivationFamily.SYMMETRIC);
            if (b == null) {
                continue;
            }
            for (Verdict level : List.of(Verdict.WARNING, Verdict.FAILING)) {
                double exit = level == Verdict.WARNING ? b.exitWarn() : b.exitFail();
                double threshold = level == Verdict.WARNING ? b.warn() : b.fail();
                Verdict after = level == Verdict.WARNING ? Verdict.HEALTHY : Verdict.WARNING;
                rows.add(Arguments.of(rule + " " + level + " between threshold and exit stays", rule, level,
                        (threshold + exit) / 2, level));
                rows.add(Arguments.of(rule + " " + level + " just inside the exit stays", rule, level,
                        near(exit, 1, b.higherIsWorse()), level));
                rows.add(Arguments.of(rule + " " + level + " at the exit leaves", rule, level, exit,
                        b.judge(exit).ordinal() > after.ordinal() ? b.judge(exit) : after));
            }
        }
        rows.add(Arguments.of("UPDATE_RATIO between 0.05 and 0.1 stays", Rule.UPDATE_RATIO, Verdict.WARNING, 0.07,
                Verdict.WARNING));
        rows.add(Arguments.of("UPDATE_RATIO at 0.05 leaves", Rule.UPDATE_RATIO, Verdict.WARNING, 0.05,
                Verdict.HEALTHY));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hysteresis")
    void aFindingLeavesOnlyAfterItsFigureRecoversByTheMargin(String name, Rule rule, Verdict previous, double value,
            Verdict expected) {
        double[] f = healthy();
        f[rule.figure.ordinal()] = value;
        assertThat(rule.judge(layer(new ActivationTanH()), f, T, previous)).isEqualTo(expected);
        // without the previous verdict the same value is judged afresh: never worse than with it
        assertThat(rule.judge(layer(new ActivationTanH()), f, T, Verdict.HEALTHY).ordinal())
                .isLessThanOrEqualTo(expected.ordinal());
    }
}
