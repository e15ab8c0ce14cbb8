package org.dl4jinit.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.examples.study.Architecture;
import org.dl4jinit.health.GradientHealth;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.propagation.PropagationOptions;
import org.dl4jinit.propagation.PropagationReport;
import org.dl4jinit.propagation.SignalPropagation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The signal-propagation analysis of a deep configuration against the pre-flight check's forward and backward pass
 * ({@link GradientHealth#check}) on the same network, side by side in one JVM: after a warm-up, alternating rounds
 * of one analysis and one check, medians and their ratio. The network is the study's MLP ({@link Architecture}),
 * {@code --layers} hidden layers of {@code --width} units (default 100 × 256, tanh with Xavier or ReLU with He),
 * the check on a batch of {@code --batch} N(0,1) inputs. Also the first analysis in the JVM (cold: it tabulates the
 * activation once). Command: {@code mvn -B -ntp -pl dl4j-init-bench -am package -DskipTests -Pbench-propagation}
 * (docs/benchmarks.md).
 */
@Command(name = "propagation-benchmark", mixinStandardHelpOptions = true,
        description = "Signal-propagation analysis vs the pre-flight check on a deep MLP, side by side")
public final class PropagationBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "100", description = "hidden layers (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--width", paramLabel = "N", defaultValue = "256", description = "units per hidden layer (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "examples in the checked batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "21", description = "timed rounds of each (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "ND4J and OpenBLAS threads, as dl4j-init --threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--activation", paramLabel = "tanh|relu", defaultValue = "tanh",
            description = "tanh (Xavier) or relu (He) (default: ${DEFAULT-VALUE})")
    String activation;

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PropagationBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        if (layers < 1 || width < 1 || batch < 1 || rounds < 1 || threads < 1) {
            throw new ParameterException(spec.commandLine(), "--layers, --width, --batch, --rounds and --threads must be"
                    + " >= 1, were " + layers + ", " + width + ", " + batch + ", " + rounds + ", " + threads);
        }
        boolean relu = "relu".equalsIgnoreCase(activation);
        if (!relu && !"tanh".equalsIgnoreCase(activation)) {
            throw new ParameterException(spec.commandLine(), "--activation must be tanh or relu, was " + activation);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        String loadAtStart = InitBenchmarkReport.loadAverage();
        Architecture arch = new Architecture(relu ? Activation.RELU : Activation.TANH, layers, width);
        MultiLayerNetwork net = arch.build(relu ? new HeInit() : new XavierInit(), 42, 0.01, 0.9);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        PropagationOptions options = PropagationOptions.builder().inputVariance(1).batchSize(batch).build();
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, Architecture.INPUTS);
        INDArray y = Nd4j.create(DataType.FLOAT, batch, Architecture.CLASSES);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % Architecture.CLASSES, 1.0);
        }
        DataSet data = new DataSet(x, y);

        long t0 = System.nanoTime();
        SignalPropagation.analyze(conf, options);
        double cold = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < 20; i++) {
            SignalPropagation.analyze(conf, options);
        }
        for (int i = 0; i < 3; i++) {
            GradientHealth.check(net, data);
        }
        double[] analysis = new double[rounds];
        double[] check = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long a = System.nanoTime();
            SignalPropagation.analyze(conf, options);
            analysis[r] = (System.nanoTime() - a) / 1e6;
            long c = System.nanoTime();
            GradientHealth.check(net, data);
            check[r] = (System.nanoTime() - c) / 1e6;
        }
        PropagationReport predicted = SignalPropagation.analyze(conf, options);
        HealthReport measured = GradientHealth.check(net, data);
        double ma = median(analysis);
        double mc = median(check);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s, %d hidden layers of %d units (%d layers), batch %d, %d rounds, %d ND4J thread(s)%n",
                arch.title(), layers, width, layers + 1, batch, rounds, threads);
        out.printf(Locale.ROOT, "| measure | median ms | min ms | max ms |%n|---|---|---|---|%n");
        out.printf(Locale.ROOT, "| SignalPropagation.analyze (warm) | %.1f | %.1f | %.1f |%n", ma, min(analysis), max(analysis));
        out.printf(Locale.ROOT, "| GradientHealth.check (forward + backward) | %.1f | %.1f | %.1f |%n", mc, min(check), max(check));
        out.printf(Locale.ROOT, "first analysis in the JVM (cold): %.1f ms; analysis / check = %.3f%n", cold, ma / mc);
        out.printf(Locale.ROOT, "verdicts (cond. 1 / cond. 2 / gradients): predicted %s, checked %s%n",
                verdicts(predicted::verdict), verdicts(measured::verdict));
        out.printf(Locale.ROOT, "load average (1, 5, 15 min) at start: %s; at end: %s%n", loadAtStart,
                InitBenchmarkReport.loadAverage());
        out.flush();
        return 0;
    }

    private static String verdicts(Function<HealthCondition.Group, Verdict> verdict) {
        return Arrays.stream(HealthCondition.Group.values()).map(g -> verdict.apply(g).name())
                .collect(Collectors.joining(" / "));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
