package org.dl4jinit.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.init.HeInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the {@link GradientHealthListener} adds to {@code fit()}: its default configuration (every iteration, all
 * checks) on three networks, with DL4J's StatsListener reporting every iteration alongside in both arms, as a
 * user watching training in DL4J's UI would run it. The machine is noisy, so it measures in one JVM, alternating
 * blocks of iterations with and without the health listener on the same network and batch (in AB, BA, AB ...
 * order; one instance of each listener for the whole run, set up during warm-up), and reports the median of the
 * per-block time ratios over {@code --blocks} blocks, with the quartiles.
 * Run it with {@code OMP_NUM_THREADS=1}, as the {@code bench-listener} profile does: with two OpenMP threads on
 * two shared cores the block ratios of even a no-op listener spread widely (docs/benchmarks.md).
 *
 * <p>Options: {@code --blocks N} (default 24), {@code --iterations N} per block (default 20),
 * {@code --only mlp|cnn|deep}.
 */
@Command(name = "listener-overhead-benchmark", mixinStandardHelpOptions = true,
        description = "fit() time with GradientHealthListener against without, StatsListener in both arms")
public final class ListenerOverheadBenchmark implements Callable<Integer> {

    /** The benchmarked networks. */
    enum Network { MLP, CNN, DEEP }

    @Spec
    CommandSpec spec;

    @Option(names = "--blocks", paramLabel = "N", defaultValue = "24",
            description = "alternating blocks per network (default: ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "20",
            description = "fit() iterations per block (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--only", paramLabel = "NET", description = "only this network: ${COMPLETION-CANDIDATES}")
    Network only;

    /** A network and the batch it trains on. */
    private static final class Case {
        final String name;
        final Supplier<MultiLayerNetwork> net;
        final DataSet batch;

        Case(String name, Supplier<MultiLayerNetwork> net, DataSet batch) {
            this.name = name;
            this.net = net;
            this.batch = batch;
        }
    }

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ListenerOverheadBenchmark()).setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }

    @Override
    public Integer call() {
        if (blocks < 1 || iterations < 1) {
            throw new ParameterException(spec.commandLine(), "--blocks and --iterations must be >= 1, were "
                    + blocks + " and " + iterations);
        }
        System.out.printf(Locale.ROOT, "OMP_NUM_THREADS=%s, %d blocks x %d iterations per configuration%n",
                System.getenv("OMP_NUM_THREADS"), blocks, iterations);

        List<Case> cases = new ArrayList<>();
        cases.add(new Case("mlp", () -> mlp(new int[] {512, 512}), batch(128, 784)));
        cases.add(new Case("cnn", ListenerOverheadBenchmark::lenet, batch(64, 784)));
        int[] deep = new int[20];
        Arrays.fill(deep, 256);
        cases.add(new Case("deep", () -> mlp(deep), batch(128, 784)));

        System.out.println();
        System.out.println("| network | StatsListener only, ms/iteration | with GradientHealthListener |");
        System.out.println("|---|---:|---:|");
        for (Case c : cases) {
            if (only != null && !only.name().toLowerCase(Locale.ROOT).equals(c.name)) {
                continue;
            }
            measure(c, blocks, iterations);
        }
        return 0;
    }

    private static void measure(Case c, int blocks, int iterations) {
        MultiLayerNetwork net = c.net.get();
        // one instance of each listener for the whole run: their one-time set-up is not charged to any block
        TrainingListener stats = new StatsListener(new InMemoryStatsStorage(), 1);
        TrainingListener health = new GradientHealthListener();
        TrainingListener[] without = {stats};
        TrainingListener[] with = {stats, health};
        // warm-up: JIT, workspaces, the listeners' set-up
        net.setListeners(with);
        run(net, c.batch, iterations);
        net.setListeners(without);
        run(net, c.batch, iterations);

        double[] base = new double[blocks];
        double[] ratios = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            // adjacent blocks without and with the health listener, in alternating order (AB, BA, ...): the ratio
            // cancels slow drifts of the machine and neither side always runs first
            double a;
            double h;
            if (b % 2 == 0) {
                net.setListeners(without);
                a = run(net, c.batch, iterations);
                net.setListeners(with);
                h = run(net, c.batch, iterations);
            } else {
                net.setListeners(with);
                h = run(net, c.batch, iterations);
                net.setListeners(without);
                a = run(net, c.batch, iterations);
            }
            base[b] = a;
            ratios[b] = h / a;
        }
        System.out.printf(Locale.ROOT, "| %s | %.2f | %s |%n", describe(c.name), median(base) / iterations,
                summary(ratios));
    }

    private static String describe(String name) {
        switch (name) {
            case "mlp":
                return "MLP 784-512-512-10, batch 128";
            case "cnn":
                return "LeNet-like CNN 28x28, batch 64";
            default:
                return "20-layer MLP width 256, batch 128";
        }
    }

    private static String summary(double[] r) {
        double[] s = r.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.3fx [%.3f, %.3f]", median(r), s[s.length / 4],
                s[(3 * s.length) / 4]);
    }

    private static double run(MultiLayerNetwork net, DataSet batch, int iterations) {
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            net.fit(batch);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static MultiLayerNetwork mlp(int[] widths) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Nesterovs(1e-3, 0.9)).weightInit(new HeInit()).list();
        for (int w : widths) {
            b.layer(new DenseLayer.Builder().nOut(w).activation(Activation.RELU).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                .build());
        MultiLayerConfiguration conf = b.setInputType(InputType.feedForward(784)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static MultiLayerNetwork lenet() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Nesterovs(1e-3, 0.9)).weightInit(new HeInit()).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(20).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet batch(int size, int features) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, size, features);
        INDArray y = Nd4j.zeros(DataType.FLOAT, size, 10);
        for (int i = 0; i < size; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        return new DataSet(x, y);
    }
}
