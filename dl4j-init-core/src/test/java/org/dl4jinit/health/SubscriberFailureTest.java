package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A callback or subscriber that throws is reported with the iteration and the headline finding, the other
 * subscribers still run, and under THROW the health finding is what {@code fit()} throws, with the callback's
 * failure attached.
 */
class SubscriberFailureTest {

    private static final DataSet BATCH = Nets.data(32, 4);

    private static MultiLayerNetwork dead() {
        return Nets.mlp(2, 16, Activation.TANH, new ZeroInit(), Nets.sgd(), 4);
    }

    private static HealthCallback throwing() {
        return r -> {
            throw new IllegalStateException("boom in the user's callback");
        };
    }

    @Test
    void aThrowingCallbackIsWrappedWithTheIterationAndTheHeadlineFinding() {
        MultiLayerNetwork net = dead();
        List<HealthReport> seen = new ArrayList<>();
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning()
                .onFailing(HealthPolicy.CALLBACK).callback(throwing()).subscribe((r, c) -> seen.add(r)).build());
        net.setListeners(listener);

        assertThatThrownBy(() -> net.fit(BATCH)).isExactlyInstanceOf(HealthSubscriberException.class)
                .hasMessageStartingWith("HealthCallback failed on the health report of iteration 0 (worker 0, "
                        + "verdict FAILING: layer 0 (DenseLayer, tanh): FAILING condition 2 (units not identical")
                .hasMessageEndingWith("java.lang.IllegalStateException: boom in the user's callback")
                .hasCauseExactlyInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(((HealthSubscriberException) e).report()).isSameAs(listener.lastReport()));
        assertThat(seen).hasSize(1);
    }

    @Test
    void withThrowTooFitSeesTheHealthFindingAndTheCallbackFailureIsAttached() {
        MultiLayerNetwork net = dead();
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning()
                .onFailing(HealthPolicy.CALLBACK, HealthPolicy.THROW).callback(throwing()).build());
        net.setListeners(listener);

        assertThatThrownBy(() -> net.fit(BATCH)).isExactlyInstanceOf(UnhealthyTrainingException.class)
                .hasMessageStartingWith("Training is unhealthy at iteration 0: layer 0 (DenseLayer, tanh): FAILING "
                        + "condition 2 (units not identical")
                .hasMessageContaining("W = 0")
                .satisfies(e -> {
                    assertThat(e.getSuppressed()).hasSize(1);
                    assertThat(e.getSuppressed()[0]).isExactlyInstanceOf(HealthSubscriberException.class)
                            .hasCauseExactlyInstanceOf(IllegalStateException.class);
                    assertThat(((UnhealthyTrainingException) e).violation())
                            .isEqualTo(listener.lastReport().headline().orElseThrow());
                });
    }

    @Test
    void theThrowMessageNamesAWorkerOtherThanTheDefault() {
        MultiLayerNetwork net = dead();
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().onWarning()
                .onFailing(HealthPolicy.THROW).build());
        listener.setWorkerID("host_1");
        net.setListeners(listener);

        assertThatThrownBy(() -> net.fit(BATCH)).isExactlyInstanceOf(UnhealthyTrainingException.class)
                .hasMessageStartingWith("Training is unhealthy at iteration 0 on worker host_1: layer 0 (DenseLayer, "
                        + "tanh): FAILING condition 2 (units not identical)");
    }

    @Test
    void aThrowingSubscriberDoesNotKeepTheOthersFromTheReport() {
        MultiLayerNetwork net = Nets.mlp(2, 16, Activation.RELU, new HeInit(), Nets.sgd(), 5);
        List<Integer> later = new ArrayList<>();
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder()
                .subscribe((r, c) -> {
                    throw new IllegalArgumentException("first subscriber fails");
                })
                .subscribe((r, c) -> later.add(r.iteration())).build());
        net.setListeners(listener);

        assertThatThrownBy(() -> net.fit(BATCH)).isExactlyInstanceOf(HealthSubscriberException.class)
                .hasMessageContaining("failed on the health report of iteration 0 (worker 0, verdict HEALTHY)")
                .hasCauseExactlyInstanceOf(IllegalArgumentException.class);
        assertThat(later).containsExactly(0);
    }
}
