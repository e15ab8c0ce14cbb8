package org.dl4jinit.examples.ui;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.examples.data.FashionMnist;
import org.dl4jinit.examples.data.FashionMnistData;
import org.dl4jinit.examples.data.FashionMnistDataException;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.dl4jinit.examples.data.FashionMnistIterator;
import org.dl4jinit.examples.study.StudyInit;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.lsuv.Lsuv;
import org.dl4jinit.storage.HealthRecorder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a 784-256-128-10 MLP on Fashion-MNIST with the {@link GradientHealthListener} recording into an
 * {@link InMemoryStatsStorage} that is attached to DL4J's UI server (plus DL4J's own StatsListener every 10
 * iterations, so {@code /train} shows the run too), and prints the Gradient Health page's URL before training
 * starts, so the page can be watched live. The command line's {@code ui} subcommand runs it (its only entry point):
 *
 * <pre>  dl4j-init ui [--data DIR] [--port N (9000; 0 = any free port)] [--init NAME (he)] [--epochs N (1)]
 *               [--batch N (128)] [--limit N (all 60,000)] [--seed N (42)] [--exit]</pre>
 *
 * <p>{@code --init zero} trains the same network from all-zero weights: every layer fails (symmetry never breaks)
 * and the page says why; any name of {@link StudyInit} works ({@code lsuv} runs LSUV on the first batch). Without
 * {@code --exit} the server keeps serving after training until the JVM is stopped.
 *
 * <p>DL4J 1.0.0-M2.1's UI server listens on all network interfaces (0.0.0.0); it has no setting to bind to
 * loopback only. Run it on a trusted network or firewall the port.
 */
public final class GradientHealthUiDemo {

    private GradientHealthUiDemo() {
    }

    /**
     * Options of the demo.
     *
     * @param data   the Fashion-MNIST directory, or empty to resolve it as {@link FashionMnistDirectory} does
     * @param port   the UI port, 0 to 65535 (0: any free port)
     * @param init   the initializer
     * @param epochs passes over the training data, &gt; 0
     * @param batch  minibatch size, &gt; 0
     * @param limit  training examples to use, &gt; 0, or empty for all
     * @param seed   seeds weights and shuffling
     * @param exit   return (and let the JVM end) when training is done instead of serving on
     */
    public record Options(Optional<Path> data, int port, StudyInit init, int epochs, int batch,
            Optional<Integer> limit, long seed, boolean exit) {

        /** Validates every option. */
        public Options {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(limit, "limit");
            if (init == null) {
                throw new IllegalArgumentException("init must name an initializer (" + StudyInit.names()
                        + "), was null");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be > 0, was " + epochs);
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be > 0, was " + batch);
            }
            if (limit.isPresent() && limit.get() < 1) {
                throw new IllegalArgumentException("limit must be > 0, was " + limit.get());
            }
        }

        /** @return the defaults: port 9000, He init, one epoch, batch 128, all examples, seed 42, keep serving */
        public static Options defaults() {
            return new Options(Optional.empty(), 9000, StudyInit.HE, 1, 128, Optional.empty(), 42, false);
        }
    }

    /**
     * Starts (or reuses) DL4J's UI server, attaches a fresh {@link InMemoryStatsStorage}, prints the page's URL to
     * {@code out}, then trains. Returns when training is done; the server keeps running.
     *
     * @param options the options
     * @param out     receives the URL and the final verdict
     * @return the Gradient Health page's URL for this run
     * @throws FashionMnistDataException if the data cannot be found or read
     */
    public static String run(Options options, PrintWriter out) throws FashionMnistDataException {
        FashionMnistDirectory.Resolved dir = FashionMnistDirectory.fromSystemEnvironment().resolve(options.data());
        FashionMnistData train = FashionMnistData.load(dir.directory(), FashionMnist.Split.TRAIN);
        FashionMnistIterator.Builder iterator = FashionMnistIterator.builder(train).batchSize(options.batch())
                .shuffle(options.seed());
        options.limit().ifPresent(iterator::limit);
        DataSetIterator data = iterator.build();

        String session = "fashion-mnist-" + options.init().cliName() + "-init-"
                + Long.toString(System.currentTimeMillis(), 36);
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        VertxUIServer server = VertxUIServer.getInstance(options.port(), false, null);
        server.attach(storage);
        String url = "http://localhost:" + server.getPort() + "/health?session="
                + URLEncoder.encode(session, StandardCharsets.UTF_8);
        out.println("Gradient Health page: " + url);
        out.println("DL4J training UI:     http://localhost:" + server.getPort() + "/train");
        out.println("(DL4J's UI server listens on all network interfaces, port " + server.getPort() + ")");
        out.flush();

        MultiLayerNetwork net = network(options.init().weightInit(), data.inputColumns(), data.totalOutcomes(),
                options.seed());
        if (options.init().dataDependent()) {
            Lsuv.builder().preInit(null).build().apply(net, iterator.build().next());
        }
        GradientHealthListener health = new GradientHealthListener(HealthConfig.builder()
                .subscribe(HealthRecorder.to(storage)).onWarning().onFailing().build());
        health.setSessionID(session);
        net.setListeners(health, new StatsListener(storage, 10));
        for (int e = 0; e < options.epochs(); e++) {
            net.fit(data);
        }
        out.println(String.format(Locale.ROOT, "Training done: %d iterations, last verdict %s", net.getIterationCount(),
                health.lastReport() == null ? "none" : health.lastReport().verdict()));
        out.flush();
        return url;
    }

    static MultiLayerNetwork network(IWeightInit init, int nIn, int nOut, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).weightInit(init)
                .updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(nOut)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }
}
