package org.dl4jinit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.examples.data.FashionMnistIterator;
import org.dl4jinit.health.GradientHealth;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthPolicy;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.init.ActivationGain;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.InitMultiLayerSpace;
import org.dl4jinit.sweep.InitializerSpace;
import org.dl4jinit.sweep.InitializerSweep;
import org.dl4jinit.sweep.LsuvInit;
import org.dl4jinit.sweep.SweepData;
import org.dl4jinit.storage.HealthRecorder;
import org.dl4jinit.sweep.SweepReport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The four code snippets of README.md compile against today's API and do what the README says: each
 * {@code java} block of the README appears, line for line, in this file (between the {@code README} markers) and
 * runs here on small synthetic Fashion-MNIST-shaped data.
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_SOURCE =
            Path.of("src", "test", "java", "org", "dl4jinit", "examples", "ReadmeSnippetsTest.java");

    private static DataSetIterator trainIterator() {
        return FashionMnistIterator.builder(SyntheticFashionMnist.of(256, 1)).batchSize(64).shuffle(3).build();
    }

    private static DataSetIterator testIterator() {
        return FashionMnistIterator.builder(SyntheticFashionMnist.of(128, 2)).batchSize(128).build();
    }

    private static MultiLayerConfiguration initializerSnippet() {
        // README: initializer
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .weightInit(new HeInit())                                  // He-normal: Var[W] = 2/fanIn
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(256).activation(Activation.TANH)
                        .weightInit(XavierInit.uniform(ActivationGain.of(Activation.TANH))).build())  // gain 5/3
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(784))
                .build();
        // README: end
        return conf;
    }

    private static MultiLayerNetwork net() {
        MultiLayerNetwork net = new MultiLayerNetwork(initializerSnippet());
        net.init();
        return net;
    }

    @Test
    void readmeJavaBlocksAreTheSnippetsOfThisTest() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String source = normalized(Files.readString(THIS_SOURCE, StandardCharsets.UTF_8));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }

        assertThat(blocks).as("java blocks of README.md").hasSize(4);
        for (String block : blocks) {
            assertThat(source).as("README block is in ReadmeSnippetsTest:%n%s", block).contains(normalized(block));
        }
    }

    private static String normalized(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }

    @Test
    void initializerSnippetPutsHeOnTheNetworkAndXavierWithTheTanhGainOnOneLayer() {
        MultiLayerConfiguration conf = initializerSnippet();

        assertThat(((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(0).getLayer()).getWeightInitFn())
                .isEqualTo(new HeInit());
        assertThat(((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(1).getLayer()).getWeightInitFn())
                .isEqualTo(XavierInit.uniform(5.0 / 3));
    }

    @Test
    void listenerSnippetReportsEveryLayerAfterTrainingAndBefore() {
        MultiLayerNetwork net = net();
        DataSetIterator trainIter = trainIterator();
        DataSet batch = testIterator().next();

        // README: listener
        GradientHealthListener health = new GradientHealthListener(HealthConfig.builder()
                .onFailing(HealthPolicy.LOG, HealthPolicy.THROW)           // stop fit() with UnhealthyTrainingException
                .build());
        net.setListeners(health);
        net.fit(trainIter);
        System.out.print(health.lastReport().toTable());                  // per layer: conditions 1, 2 and gradients
        HealthReport preflight = GradientHealth.check(net, batch);        // before training: one pass, no update
        // README: end

        assertThat(health.lastReport().layers()).hasSize(3);
        assertThat(preflight.layers()).hasSize(3);
    }

    @Test
    void uiSnippetServesTheRunsSessionOnTheHealthEndpoints() throws Exception {
        MultiLayerNetwork net = net();
        DataSetIterator trainIter = trainIterator();
        System.setProperty("org.deeplearning4j.ui.port", "0");   // any free port instead of 9000
        try {
            // README: ui
            InMemoryStatsStorage storage = new InMemoryStatsStorage();
            UIServer.getInstance().attach(storage);                           // listens on all interfaces, port 9000
            HealthConfig config = HealthConfig.builder().subscribe(HealthRecorder.to(storage)).build();
            net.setListeners(new GradientHealthListener(config));             // health records into the storage
            net.fit(trainIter);                                               // open http://localhost:9000/health
            // README: end

            String session = storage.listSessionIDs().get(0);
            HttpResponse<String> sessions = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + UIServer.getInstance().getPort() + "/health/sessions")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sessions.statusCode()).isEqualTo(200);
            assertThat(sessions.body()).contains(session);
        } finally {
            System.clearProperty("org.deeplearning4j.ui.port");
            VertxUIServer.stopInstance();
        }
    }

    @Test
    void sweepSnippetRunsTheGridAndRanksTheCandidates() {
        // README: sweep
        MultiLayerSpace space = new InitMultiLayerSpace.Builder()
                .initializer(InitializerSpace.of(new XavierInit(), new HeInit(), new OrthogonalInit(), new LsuvInit()))
                .updater(new Nesterovs(0.01, 0.9))
                .addLayer(new DenseLayerSpace.Builder().nOut(128).activation(Activation.TANH).build(),
                        new DiscreteParameterSpace<>(2, 11))               // 3 or 12 layers with the output layer
                .addLayer(new OutputLayerSpace.Builder().nOut(10).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(784)).numEpochs(1).build();
        SweepReport report = InitializerSweep.builder(space)
                .data(SweepData.of(() -> trainIterator(), () -> testIterator()))   // a fresh iterator per call
                .gridSearch(3).build().run();              // FAILING 3 iterations in a row within 20: pruned
        System.out.print(report.toTable());
        // README: end

        assertThat(report.results()).hasSize(8);
        assertThat(report.count(CandidateOutcome.COMPLETED)).isPositive();
        assertThat(report.winner()).isPresent();
    }
}
