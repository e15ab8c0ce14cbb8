package org.dl4jinit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.GradientHealth;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.Nets;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.lsuv.LayerResult;
import org.dl4jinit.lsuv.Lsuv;
import org.dl4jinit.lsuv.LsuvReport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * One naming of layers everywhere: the DL4J layer name when the configuration sets one, else the index — the same
 * string in health reports, tables, LSUV reports, static infos and therefore on the page. And the pre-flight
 * check and LSUV take any implementation of ND4J's DataSet interface, or an iterator.
 */
class LayerNamingTest {

    private static MultiLayerNetwork named() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(14)
                .updater(Nets.sgd()).weightInit(new HeInit()).list()
                .layer(new DenseLayer.Builder().name("encoder").nIn(Nets.INPUTS).nOut(16)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(16).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).name("classes").nIn(16).nOut(Nets.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** A DataSet that is not ND4J's concrete class: the interface, answered by a concrete one. */
    private static org.nd4j.linalg.dataset.api.DataSet asInterface(DataSet concrete) {
        return (org.nd4j.linalg.dataset.api.DataSet) Proxy.newProxyInstance(LayerNamingTest.class.getClassLoader(),
                new Class<?>[] {org.nd4j.linalg.dataset.api.DataSet.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(concrete, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void reportsTablesLsuvAndStaticInfoNameLayersAlike() {
        List<String> expected = List.of("encoder", "1", "classes");
        MultiLayerNetwork net = named();
        DataSet batch = Nets.data(32, 14);
        LsuvReport lsuv = Lsuv.builder().preInit(null).build().apply(net, asInterface(batch));
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder()
                .subscribe(HealthRecorder.to(storage)).build());
        listener.setSessionID("names");
        net.setListeners(listener);
        net.fit(batch);

        HealthReport report = listener.lastReport();
        assertThat(LayerInfo.layers(net)).extracting(LayerInfo::name).isEqualTo(expected);
        assertThat(report.layers()).extracting(LayerHealth::name).isEqualTo(expected);
        assertThat(lsuv.layers()).extracting(LayerResult::name).isEqualTo(expected);
        assertThat(lsuv.layers()).extracting(LayerResult::layer).isEqualTo(LayerInfo.layers(net));
        HealthStaticInfo info = (HealthStaticInfo) storage.getStaticInfo("names", HealthRecord.TYPE_ID, "0");
        assertThat(info.layers()).extracting(LayerInfo::name).isEqualTo(expected);
        assertThat(report.layer("encoder").layer().describe()).isEqualTo("layer \"encoder\" (DenseLayer, relu)");
        assertThat(report.layer("1").layer().describe()).isEqualTo("layer 1 (DenseLayer, relu)");
        // one name per row, the same as everywhere else: no index in front of it
        assertThat(report.toTable().lines().skip(2).limit(3).map(l -> l.split(" +"))
                .map(cells -> cells[0] + " " + cells[1])).containsExactly("encoder DenseLayer", "1 DenseLayer",
                        "classes OutputLayer");
        assertThat(lsuv.toTable().lines().skip(2).map(l -> l.split(" +")[0])).containsExactlyElementsOf(expected);
    }

    @Test
    void checkTakesTheDataSetInterfaceAndIteratorsLikeTheConcreteClass() {
        DataSet batch = Nets.data(32, 15);
        HealthReport concrete = GradientHealth.check(named(), batch);
        HealthReport viaInterface = GradientHealth.check(named(), asInterface(batch));
        HealthReport viaIterator = GradientHealth.check(named(), new ListDataSetIterator<>(batch.asList(), 32));
        for (HealthReport r : List.of(viaInterface, viaIterator)) {
            assertThat(r.verdict()).isEqualTo(concrete.verdict());
            for (int l = 0; l < concrete.layers().size(); l++) {
                assertThat(Double.compare(r.layers().get(l).get(Figure.ACTIVATION_STD),
                        concrete.layers().get(l).get(Figure.ACTIVATION_STD))).as("layer %d", l).isZero();
            }
        }
        LsuvReport lsuv = Lsuv.builder().preInit(null).build().apply(named(), asInterface(batch));
        assertThat(lsuv.converged()).isTrue();
    }
}
