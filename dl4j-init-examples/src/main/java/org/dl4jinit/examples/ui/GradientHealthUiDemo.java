package org.dl4jinit.examples.ui;

import java.io.PrintStream;
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
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Trains a 784-256-128-10 MLP on Fashion-MNIST with the {@link GradientHealthListener} recording into an
 * {@link InMemoryStatsStorage} that is attached to DL4J's UI server (plus DL4J's own StatsListener every 10
 * iterations, so {@code /train} shows the run too), and prints the Gradient Health page's URL before training
 * starts, so the page can be watched live.
 *
 * <pre>  GradientHealthUiDemo [--data DIR] [--port N (9000; 0 = any free port)] [--init he|zero (he)]
 *                        [--epochs N (1)] [--batch N (128)] [--limit N (all 60,000)] [--seed N (42)] [--exit]</pre>
 *
 * <p>{@code --init zero} trains the same network from all-zero weights: every layer fails (symmetry never breaks)
 * and the page says why. Without {@code --exit} the server keeps serving after training until the JVM is stopped.
 *
 * <p>DL4J 1.0.0-M2.1's UI server listens on all network interfaces (0.0.0.0); it has no setting to bind to
 * loopback only. Run it on a trusted network or firewall the port.
 *
 * <p>For a command-line front end: build {@link Options} and call {@link #run(Options, PrintStream)}.
 */
public final class GradientHealthUiDemo {

    /** Exit code for bad arguments or missing/corrupt data. */
    public static final int EXIT_CANNOT_RUN = 2;

    static final String USAGE = "usage: GradientHealthUiDemo [--data DIR] [--port N] [--init he|zero] [--epochs N] "
            + "[--batch N] [--limit N] [--seed N] [--exit]";

    private GradientHealthUiDemo() {
    }

    /**
     * Options of the demo.
     *
     * @param data   the Fashion-MNIST directory, or empty to resolve it as {@link FashionMnistDirectory} does
     * @param port   the UI port, 0 to 65535 (0: any free port)
     * @param zeroInit train from all-zero weights instead of {@code new HeInit()}
     * @param epochs passes over the training data, &gt; 0
     * @param batch  minibatch size, &gt; 0
     * @param limit  training examples to use, &gt; 0, or empty for all
     * @param seed   seeds weights and shuffling
     * @param exit   return (and let the JVM end) when training is done instead of serving on
     */
    public record Options(Optional<Path> data, int port, boolean zeroInit, int epochs, int batch,
            Optional<Integer> limit, long seed, boolean exit) {

        /** Validates every option. */
        public Options {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(limit, "limit");
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
            return new Options(Optional.empty(), 9000, false, 1, 128, Optional.empty(), 42, false);
        }

        static Options parse(String... args) {
            Options o = defaults();
            Optional<Path> data = o.data();
            int port = o.port();
            boolean zero = o.zeroInit();
            int epochs = o.epochs();
            int batch = o.batch();
            Optional<Integer> limit = o.limit();
            long seed = o.seed();
            boolean exit = false;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if ("--exit".equals(flag)) {
                    exit = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value"
                            : "unexpected argument '" + flag + "'");
                }
                String value = args[++i];
                switch (flag) {
                    case "--data" -> data = Optional.of(Path.of(value));
                    case "--port" -> port = parseInt(flag, value);
                    case "--init" -> zero = switch (value) {
                        case "he" -> false;
                        case "zero" -> true;
                        default -> throw new IllegalArgumentException("--init must be he or zero, was '" + value
                                + "'");
                    };
                    case "--epochs" -> epochs = parseInt(flag, value);
                    case "--batch" -> batch = parseInt(flag, value);
                    case "--limit" -> limit = Optional.of(parseInt(flag, value));
                    case "--seed" -> seed = parseInt(flag, value);
                    default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
                }
            }
            return new Options(data, port, zero, epochs, batch, limit, seed, exit);
        }

        private static int parseInt(String flag, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be an integer, was '" + value + "'", e);
            }
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
    public static String run(Options options, PrintStream out) throws FashionMnistDataException {
        FashionMnistDirectory.Resolved dir = FashionMnistDirectory.fromSystemEnvironment().resolve(options.data());
        FashionMnistData train = FashionMnistData.load(dir.directory(), FashionMnist.Split.TRAIN);
        FashionMnistIterator.Builder iterator = FashionMnistIterator.builder(train).batchSize(options.batch())
                .shuffle(options.seed());
        options.limit().ifPresent(iterator::limit);
        DataSetIterator data = iterator.build();

        String session = "fashion-mnist-" + (options.zeroInit() ? "zero-init" : "he-init") + "-"
                + Long.toString(System.currentTimeMillis(), 36);
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        VertxUIServer server = VertxUIServer.getInstance(options.port(), false, null);
        server.attach(storage);
        String url = "http://localhost:" + server.getPort() + "/health?session="
                + URLEncoder.encode(session, StandardCharsets.UTF_8);
        out.println("Gradient Health page: " + url);
        out.println("DL4J training UI:     http://localhost:" + server.getPort() + "/train");
        out.println("(DL4J's UI server listens on all network interfaces, port " + server.getPort() + ")");

        MultiLayerNetwork net = network(options.zeroInit() ? new ZeroInit() : new HeInit(), data.inputColumns(),
                data.totalOutcomes(), options.seed());
        GradientHealthListener health = GradientHealthListener.builder().record(storage).sessionId(session)
                .onWarning().onFailing().build();
        net.setListeners(health, new StatsListener(storage, 10));
        for (int e = 0; e < options.epochs(); e++) {
            net.fit(data);
        }
        out.println(String.format(Locale.ROOT, "Training done: %d iterations, last verdict %s", net.getIterationCount(),
                health.lastReport() == null ? "none" : health.lastReport().verdict()));
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

    /**
     * Entry point; see the class documentation.
     *
     * @param args command-line arguments
     * @throws Exception if the UI server cannot be stopped, or the wait is interrupted
     */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("GradientHealthUiDemo: " + e.getMessage() + "; " + USAGE);
            System.exit(EXIT_CANNOT_RUN);
            return;
        }
        String url;
        try {
            url = run(options, System.out);
        } catch (FashionMnistDataException e) {
            System.err.println("GradientHealthUiDemo: " + e.getMessage());
            System.exit(EXIT_CANNOT_RUN);
            return;
        }
        if (options.exit()) {
            VertxUIServer.stopInstance();
            System.exit(0);
        }
        System.out.println("Serving " + url + " until this JVM is stopped (Ctrl-C).");
        Thread.currentThread().join();
    }
}
