package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad configuration is rejected when it is built, with a message naming the parameter, value and rule. */
class HealthConfigValidationTest {

    /** A band setter of {@link HealthThresholds.Builder} under its name. */
    private static Arguments band(String name, BiConsumer<HealthThresholds.Builder, double[]> setter) {
        return Arguments.of(name, setter);
    }

    static Stream<Arguments> fractionBands() {
        return Stream.of(
                band("saturatedFraction", (b, v) -> b.saturatedFraction(v[0], v[1])),
                band("rectifierZeroRegion", (b, v) -> b.rectifierZeroRegion(v[0], v[1])),
                band("saturatedUnits", (b, v) -> b.saturatedUnits(v[0], v[1])),
                band("zeroFraction", (b, v) -> b.zeroFraction(v[0], v[1])),
                band("deadUnits", (b, v) -> b.deadUnits(v[0], v[1])));
    }

    static Stream<Arguments> lowerIsWorseBands() {
        return Stream.of(
                band("scaleCollapse", (b, v) -> b.scaleCollapse(v[0], v[1])),
                band("vanishingGradient", (b, v) -> b.vanishingGradient(v[0], v[1])));
    }

    private static ThrowingCallable set(BiConsumer<HealthThresholds.Builder, double[]> setter, double warn,
            double fail) {
        return () -> setter.accept(HealthThresholds.builder(), new double[] {warn, fail});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fractionBands")
    void fractionBandsMustBeOrderedFractions(String name, BiConsumer<HealthThresholds.Builder, double[]> setter) {
        assertThatThrownBy(set(setter, -0.1, 0.5)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ".warn must be in [0, 1], was -0.1");
        assertThatThrownBy(set(setter, 0.1, 1.5)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ".fail must be in [0, 1], was 1.5");
        assertThatThrownBy(set(setter, Double.NaN, 0.5)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ".warn must be in [0, 1], was NaN");
        assertThatThrownBy(set(setter, 0.1, Double.NaN)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ".fail must be in [0, 1], was NaN");
        assertThatThrownBy(set(setter, 0.6, 0.5)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ".warn (0.6) must be <= " + name + ".fail (0.5)");
        // the edges and equal thresholds are allowed
        HealthThresholds.Builder ok = HealthThresholds.builder();
        setter.accept(ok, new double[] {0.0, 1.0});
        setter.accept(ok, new double[] {0.4, 0.4});
        assertThat(ok.build()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lowerIsWorseBands")
    void lowerIsWorseBandsMustBeOpenUnitRatiosWithWarnAboveFail(String name,
            BiConsumer<HealthThresholds.Builder, double[]> setter) {
        assertThatThrownBy(set(setter, -0.1, 1e-3)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ".warn must be in (0, 1), was -0.1");
        assertThatThrownBy(set(setter, 0.0, 0.0)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ".warn must be in (0, 1), was 0.0");
        assertThatThrownBy(set(setter, 1e-2, 1.0)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ".fail must be in (0, 1), was 1.0");
        assertThatThrownBy(set(setter, Double.NaN, 1e-3)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ".warn must be in (0, 1), was NaN");
        assertThatThrownBy(set(setter, 1e-3, 1e-2)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + ".warn (0.001) must be >= " + name + ".fail (0.01): lower ratios are worse");
    }

    @Test
    void explodingGradientMustBeFiniteAboveOneWithWarnBelowFail() {
        assertThatThrownBy(() -> HealthThresholds.builder().explodingGradient(1.0, 100))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("explodingGradient.warn must be finite and > 1, was 1.0");
        assertThatThrownBy(() -> HealthThresholds.builder().explodingGradient(-5, 100))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("explodingGradient.warn must be finite and > 1, was -5.0");
        assertThatThrownBy(() -> HealthThresholds.builder().explodingGradient(10, Double.POSITIVE_INFINITY))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("explodingGradient.fail must be finite and > 1, was Infinity");
        assertThatThrownBy(() -> HealthThresholds.builder().explodingGradient(Double.NaN, 100))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("explodingGradient.warn must be finite and > 1, was NaN");
        assertThatThrownBy(() -> HealthThresholds.builder().explodingGradient(1e3, 1e2))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("explodingGradient.warn (1000.0) must be <= explodingGradient.fail (100.0)");
    }

    @Test
    void saturationMarginAndUpdateRatioAreValidated() {
        for (double bad : new double[] {0.0, 0.5, -0.01, Double.NaN}) {
            assertThatThrownBy(() -> HealthThresholds.builder().saturationMargin(bad))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("saturationMargin must be in (0, 0.5), was " + bad);
        }
        assertThatThrownBy(() -> HealthThresholds.builder().updateRatio(-1, 0.1))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("updateRatio.low must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> HealthThresholds.builder().updateRatio(Double.NaN, 0.1))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("updateRatio.low must be finite and >= 0, was NaN");
        assertThatThrownBy(() -> HealthThresholds.builder().updateRatio(0.1, 0.1))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("updateRatio.high must be finite and > updateRatio.low (0.1), was 0.1");
        assertThatThrownBy(() -> HealthThresholds.builder().updateRatio(0, Double.POSITIVE_INFINITY))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("updateRatio.high must be finite and > updateRatio.low (0.0), was Infinity");
    }

    static Stream<Arguments> badListenerConfigurations() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("frequency 0", (ThrowingCallable) () -> HealthConfig.builder().frequency(0),
                "frequency must be >= 1 (check every n-th iteration), was 0"));
        cases.add(Arguments.of("frequency -3", (ThrowingCallable) () -> HealthConfig.builder().frequency(-3),
                "frequency must be >= 1 (check every n-th iteration), was -3"));
        cases.add(Arguments.of("warmup -1", (ThrowingCallable) () -> HealthConfig.builder().warmup(-1),
                "warmup must be >= 0 iterations, was -1"));
        cases.add(Arguments.of("failAfter 0", (ThrowingCallable) () -> HealthConfig.builder().failAfter(0),
                "failAfter must be >= 1 consecutive iterations, was 0"));
        cases.add(Arguments.of("historySize 0",
                (ThrowingCallable) () -> HealthConfig.builder().historySize(0),
                "historySize must be >= 1, was 0"));
        cases.add(Arguments.of("subscribe(null)", (ThrowingCallable) () -> HealthConfig.builder().subscribe(null),
                "subscriber must not be null"));
        cases.add(Arguments.of("summaryEvery -1", (ThrowingCallable) () -> HealthConfig.builder().summaryEvery(-1),
                "summaryEvery must be >= 0 checked iterations, was -1"));
        cases.add(Arguments.of("hysteresis fraction margin 0.5",
                (ThrowingCallable) () -> HealthThresholds.builder().hysteresis(0.5, 2),
                "hysteresis.fractionMargin must be in [0, 0.5), was 0.5"));
        cases.add(Arguments.of("hysteresis ratio factor 0.9",
                (ThrowingCallable) () -> HealthThresholds.builder().hysteresis(0.05, 0.9),
                "hysteresis.ratioFactor must be finite and >= 1, was 0.9"));
        cases.add(Arguments.of("minimum batch 0",
                (ThrowingCallable) () -> HealthThresholds.builder().minimumBatch(0),
                "minimumBatch must be >= 1 examples, was 0"));
        cases.add(Arguments.of("thresholds(null)",
                (ThrowingCallable) () -> HealthConfig.builder().thresholds(null),
                "thresholds must not be null"));
        cases.add(Arguments.of("callback(null)",
                (ThrowingCallable) () -> HealthConfig.builder().callback(null),
                "callback must not be null"));
        cases.add(Arguments.of("clock(null)", (ThrowingCallable) () -> HealthConfig.builder().clock(null),
                "clock must not be null"));
        cases.add(Arguments.of("CALLBACK on warning without callback",
                (ThrowingCallable) () -> HealthConfig.builder().onWarning(HealthPolicy.CALLBACK).build(),
                "policy CALLBACK needs a callback: call callback(...)"));
        cases.add(Arguments.of("CALLBACK on failing without callback",
                (ThrowingCallable) () -> HealthConfig.builder().onFailing(HealthPolicy.LOG, HealthPolicy.CALLBACK)
                        .build(),
                "policy CALLBACK needs a callback: call callback(...)"));
        cases.add(Arguments.of("null warning policy",
                (ThrowingCallable) () -> HealthConfig.builder().onWarning(HealthPolicy.LOG, null),
                "onWarning policies must not contain null"));
        cases.add(Arguments.of("null failing policy",
                (ThrowingCallable) () -> HealthConfig.builder().onFailing((HealthPolicy) null),
                "onFailing policies must not contain null"));
        cases.add(Arguments.of("blank session id",
                (ThrowingCallable) () -> new GradientHealthListener().setSessionID("  "),
                "sessionID must not be blank, was \"  \""));
        cases.add(Arguments.of("null session id",
                (ThrowingCallable) () -> new GradientHealthListener().setSessionID(null),
                "sessionID must not be blank, was null"));
        cases.add(Arguments.of("empty worker id",
                (ThrowingCallable) () -> new GradientHealthListener().setWorkerID(""),
                "workerID must not be blank, was \"\""));
        cases.add(Arguments.of("null worker id",
                (ThrowingCallable) () -> new GradientHealthListener().setWorkerID(null),
                "workerID must not be blank, was null"));
        cases.add(Arguments.of("null config", (ThrowingCallable) () -> new GradientHealthListener(null),
                "config must not be null"));
        cases.add(Arguments.of("termination without listener",
                (ThrowingCallable) () -> new HealthTerminationCondition(null, 3), "listener must not be null"));
        cases.add(Arguments.of("termination after 0 iterations",
                (ThrowingCallable) () -> new HealthTerminationCondition(new GradientHealthListener(), 0),
                "failingIterations must be >= 1, was 0"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badListenerConfigurations")
    void badListenerConfigurationIsRejectedWithItsRule(String what, ThrowingCallable build, String message) {
        assertThatThrownBy(build).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void nullPolicyArrayIsRejectedAsTheCallersMistake() {
        // varargs called with a null array: an IllegalArgumentException naming the parameter, not an NPE
        assertThatThrownBy(() -> HealthConfig.builder().onWarning((HealthPolicy[]) null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("onWarning policies must not be null");
        assertThatThrownBy(() -> HealthConfig.builder().onFailing((HealthPolicy[]) null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("onFailing policies must not be null");
    }

    @Test
    void noPoliciesAndACallbackWithoutCallbackPolicyAreValid() {
        HealthConfig c = HealthConfig.builder().onWarning().onFailing().callback(r -> { }).build();
        assertThat(c.onWarning()).isEmpty();
        assertThat(c.onFailing()).isEmpty();
        HealthConfig d = HealthConfig.builder().build();
        assertThat(d.frequency()).isEqualTo(1);
        assertThat(d.warmup()).isZero();
        assertThat(d.failAfter()).isEqualTo(1);
        assertThat(d.historySize()).isEqualTo(1000);
        assertThat(d.onWarning()).containsExactly(HealthPolicy.LOG);
        assertThat(d.onFailing()).containsExactly(HealthPolicy.LOG);
        assertThat(d.thresholds()).isSameAs(HealthThresholds.defaults());
    }
}
