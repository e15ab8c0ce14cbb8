package org.dl4jinit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/** The module's index and JSON bodies over records written by the real listener, without a server. */
class HealthIndexTest {

    @SuppressWarnings("unchecked")
    @Test
    void zeroInitLayersAreFailingWithReasonsAndHeReluLayersHealthy() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        train(TestNets.mlp(3, 32, Activation.TANH, new ZeroInit(), 1), storage, "zero", 12);
        train(TestNets.mlp(3, 32, Activation.RELU, new HeInit(), 1), storage, "he", 12);
        GradientHealthModule m = new GradientHealthModule();
        m.onAttach(storage);

        Map<String, Object> zero = m.dataBody("zero", null, 0, 0);
        assertThat(zero.get("found")).isEqualTo(true);
        assertThat(zero.get("records")).isEqualTo(12);
        List<Map<String, Object>> layers = (List<Map<String, Object>>) zero.get("layers");
        System.out.println(layers);
        assertThat(layers).hasSize(4);
        assertThat(layers.get(1).get("verdict")).isEqualTo("FAILING");
        assertThat((List<String>) layers.get(1).get("reasons")).isNotEmpty();

        Map<String, Object> he = m.dataBody("he", null, 0, 0);
        System.out.println(he.get("layers"));
        assertThat((List<Map<String, Object>>) he.get("layers")).extracting(l -> l.get("verdict"))
                .containsOnly("HEALTHY");
    }

    static void train(MultiLayerNetwork net, InMemoryStatsStorage storage, String session, int iterations) {
        net.setListeners(TestNets.listener(storage, session));
        DataSet d = TestNets.data(64, 7);
        for (int i = 0; i < iterations; i++) {
            net.fit(d);
        }
    }
}
