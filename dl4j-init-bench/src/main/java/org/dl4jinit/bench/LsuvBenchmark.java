package org.dl4jinit.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.examples.study.Architecture;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.lsuv.Lsuv;
import org.dl4jinit.lsuv.LsuvReport;
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
 * LSUV wall time against one training iteration, same JVM, same net and batch: a 20-layer tanh MLP of width
 * 256 (784 inputs, 10 classes), batch 256. Prints the medians and "LSUV = X iterations" (target ≤ 10).
 * Option: {@code --repeats N} (7). Command: {@code mvn -B -ntp -pl dl4j-init-bench -am package -DskipTests
 * -Pbench-lsuv} (docs/benchmarks.md).
 */
@Command(name = "lsuv-benchmark", mixinStandardHelpOptions = true,
        description = "LSUV wall time against one training iteration of a 20-layer tanh MLP")
public final class LsuvBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "7",
            description = "timed LSUV runs of each kind (default: ${DEFAULT-VALUE})")
    int repeats;

    /** The 20-layer tanh MLP of width 256 (the study's architecture), SGD + Nesterov 0.01/0.9, seed 42. */
    static MultiLayerNetwork net() {
        return new Architecture(Activation.TANH, 20, 256).build(new XavierInit(), 42, 0.01, 0.9);
    }

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LsuvBenchmark()).execute(args));
    }

    @Override
    public Integer call() {
        if (repeats < 1) {
            throw new ParameterException(spec.commandLine(), "--repeats must be >= 1, was " + repeats);
        }
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, 256, 784);
        INDArray y = Nd4j.create(DataType.FLOAT, 256, 10);
        for (int i = 0; i < 256; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        DataSet batch = new DataSet(x, y);
        MultiLayerNetwork train = net();
        for (int i = 0; i < 20; i++) {
            train.fit(batch); // warm-up
        }
        double[] fit = new double[Math.max(repeats * 5, 20)];
        for (int i = 0; i < fit.length; i++) {
            long t = System.nanoTime();
            train.fit(batch);
            fit[i] = (System.nanoTime() - t) / 1e6;
        }
        Lsuv lsuv = Lsuv.defaults();
        Lsuv noPreInit = Lsuv.builder().preInit(null).build();
        lsuv.apply(net(), batch); // warm-up
        noPreInit.apply(net(), batch);
        double[] withOrtho = new double[repeats];
        double[] without = new double[repeats];
        LsuvReport last = null;
        for (int r = 0; r < repeats; r++) {
            MultiLayerNetwork a = net();
            long t = System.nanoTime();
            last = lsuv.apply(a, batch);
            withOrtho[r] = (System.nanoTime() - t) / 1e6;
            MultiLayerNetwork b = net();
            t = System.nanoTime();
            noPreInit.apply(b, batch);
            without[r] = (System.nanoTime() - t) / 1e6;
        }
        double it = median(fit);
        System.out.println(last.toTable());
        System.out.printf(Locale.ROOT, "20-layer tanh MLP width 256, batch 256, %d repeats, %d cores%n", repeats,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "one fit iteration: median %.1f ms%n", it);
        System.out.printf(Locale.ROOT, "LSUV (orthogonal pre-init): median %.1f ms  =>  LSUV = %.2f iterations%n",
                median(withOrtho), median(withOrtho) / it);
        System.out.printf(Locale.ROOT, "LSUV (no pre-init):         median %.1f ms  =>  LSUV = %.2f iterations%n",
                median(without), median(without) / it);
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
