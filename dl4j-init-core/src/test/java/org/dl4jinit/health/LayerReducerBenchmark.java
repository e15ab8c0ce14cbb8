package org.dl4jinit.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A documented harness (not a test): the cost of {@link LayerReducer#activations} per call on the activation
 * layouts of the overhead benchmark's networks — dense [128, 256] ReLU, conv [64, 20, 24, 24] ReLU (a permuted
 * view of [c, b, h, w] memory, as DL4J makes it), recurrent [128, 100, 28] tanh in 'f' order, and the same
 * dense layer with sigmoid units near 0.5 (the badly conditioned case that takes a second pass). The machine is
 * noisy: the cases alternate in blocks (in alternating order) and the medians of the blocks are reported.
 *
 * <p>Run from the repository root:
 * <pre>{@code
 * mvn -pl dl4j-init-core -am test-compile
 * mvn -pl dl4j-init-core dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * OMP_NUM_THREADS=1 java -cp "dl4j-init-core/target/test-classes:dl4j-init-core/target/classes:$(cat \
 *     dl4j-init-core/target/cp.txt)" org.dl4jinit.health.LayerReducerBenchmark [blocks, default 15]
 * }</pre>
 */
public final class LayerReducerBenchmark {

    private LayerReducerBenchmark() {
    }

    /** One layer's activations and how to reduce them. */
    private static final class Case {
        final String name;
        final INDArray activations;
        final LayerInfo info;

        Case(String name, INDArray activations, IActivation fn) {
            this.name = name;
            this.activations = activations;
            this.info = new LayerInfo(1, "1", "T", fn, 1, false, new String[0], new String[0], true, false, false);
        }
    }

    public static void main(String[] args) {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Nd4j.getRandom().setSeed(1);
        IActivation relu = new ActivationReLU();
        IActivation tanh = new ActivationTanH();
        IActivation sigmoid = new ActivationSigmoid();
        INDArray dense = relu.getActivation(Nd4j.randn(DataType.FLOAT, 128, 256), false);
        INDArray conv = relu.getActivation(Nd4j.randn(DataType.FLOAT, 20, 64, 24, 24), false).permute(1, 0, 2, 3);
        INDArray recurrent = tanh.getActivation(Nd4j.randn(DataType.FLOAT, 128, 100, 28), false).dup('f');
        INDArray nearHalf = sigmoid.getActivation(Nd4j.randn(DataType.FLOAT, 128, 256).muli(4e-3), false);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("dense [128,256] relu", dense, relu));
        cases.add(new Case("conv [64,20,24,24] relu (permuted)", conv, relu));
        cases.add(new Case("recurrent [128,100,28] tanh ('f')", recurrent, tanh));
        cases.add(new Case("dense [128,256] sigmoid at 0.5 +- 1e-3", nearHalf, sigmoid));

        LayerReducer reducer = new LayerReducer();
        double[] out = new double[Figure.count()];
        double[][] perCall = new double[cases.size()][blocks];
        for (int b = -3; b < blocks; b++) { // three warm-up blocks
            for (int c = 0; c < cases.size(); c++) {
                Case k = cases.get(b % 2 == 0 ? c : cases.size() - 1 - c);
                int calls = (int) Math.max(20, 20_000_000L / k.activations.length());
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    reducer.activations(k.activations, k.info, 0.02, true, out);
                }
                if (b >= 0) {
                    perCall[cases.indexOf(k)][b] = (System.nanoTime() - start) / 1e3 / calls;
                }
            }
        }
        System.out.printf(Locale.ROOT, "OMP_NUM_THREADS=%s, %d blocks%n", System.getenv("OMP_NUM_THREADS"), blocks);
        System.out.println("| activations | values | µs per call (median) | ns per value |");
        System.out.println("|---|---:|---:|---:|");
        for (int c = 0; c < cases.size(); c++) {
            double median = median(perCall[c]);
            long n = cases.get(c).activations.length();
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.2f |%n", cases.get(c).name, n, median,
                    median * 1e3 / n);
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
