package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A layer's own headline (what the page shows in the layer's row) follows the report's headline order. */
class LayerHealthHeadlineTest {

    private static final LayerInfo TANH = new LayerInfo(2, "2", "DenseLayer", "tanh", ActivationFamily.SYMMETRIC,
            "NormalInit(mean=0.0, std=1.0)", true, true, false);

    @Test
    void aFailingFindingIsTheLayersHeadlineEvenWhenAWarningIsListedFirst() {
        Violation warning = new Violation(TANH, HealthCondition.ZERO_ACTIVATIONS, Verdict.WARNING,
                Figure.ZERO_FRACTION, 0.6, 0.5, Diagnosis.unexplained(HealthCondition.ZERO_ACTIVATIONS));
        Violation failing = new Violation(TANH, HealthCondition.SATURATION, Verdict.FAILING,
                Figure.SATURATED_FRACTION, 0.95, 0.9, Diagnosis.unexplained(HealthCondition.SATURATION));
        LayerHealth layer = new LayerHealth(TANH, new double[0], true, List.of(warning, failing));
        assertThat(layer.headline()).contains(failing);
    }

    @Test
    void aDiagnosedCauseOutranksAnUnexplainedFindingOfTheSameVerdict() {
        Violation saturation = new Violation(TANH, HealthCondition.SATURATION, Verdict.FAILING,
                Figure.SATURATED_FRACTION, 0.95, 0.9, Diagnosis.unexplained(HealthCondition.SATURATION));
        Violation zeroWeights = new Violation(TANH, HealthCondition.ZERO_ACTIVATIONS, Verdict.FAILING,
                Figure.ZERO_FRACTION, 1.0, 0.9, new Diagnosis(Diagnosis.Cause.ZERO_WEIGHTS, "W = 0",
                        "initialize the weights with a random initializer"));
        LayerHealth layer = new LayerHealth(TANH, new double[0], true, List.of(saturation, zeroWeights));
        assertThat(layer.headline()).contains(zeroWeights);
        HealthReport report = new HealthReport("s", "w", 1L, 0, 0, 1.0, "m", List.of(layer), List.of(), 1,
                zeroWeights, List.of());
        assertThat(layer.headline()).isEqualTo(report.headline());
    }

    @Test
    void aLayerWithoutFindingsHasNoHeadline() {
        assertThat(new LayerHealth(TANH, new double[0], true, List.of()).headline()).isEmpty();
        assertThat(new LayerHealth(TANH, new double[0], false, List.of()).headline()).isEmpty();
    }
}
