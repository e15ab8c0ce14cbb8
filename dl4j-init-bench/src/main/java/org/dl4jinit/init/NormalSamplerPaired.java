package org.dl4jinit.init;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Interleaved A/B rounds in one JVM of {@link NormalSamplerBenchmark}'s decision pair: our {@link Ziggurat} and JDK
 * 17's {@code SplittableRandom.nextGaussian()}, both on {@code SplittableRandom}'s bits inside the same chunked
 * parallel fill (so each fill's call sites stay monomorphic). Per round both fill the same view back to back, ABBA
 * order; prints the median and quartiles of the per-round ratios ziggurat / JDK.
 */
public final class NormalSamplerPaired {

    private NormalSamplerPaired() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        for (String shape : new String[] {"dense", "conv"}) {
            long n = shape.equals("dense") ? 4096L * 4096 : 256L * 256 * 9;
            INDArray flat = Nd4j.create(DataType.FLOAT, 1, n + 4096);
            INDArray view = flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, n));
            int r0 = shape.equals("dense") ? rounds : rounds * 10;
            double[] ratio = new double[r0];
            double[] zig = new double[r0];
            double[] jdk = new double[r0];
            for (int r = -r0 / 4; r < r0; r++) {
                double a;
                double b;
                if ((r & 1) == 0) {
                    a = time(view, Sampling.NormalSampler.ZIGGURAT);
                    b = time(view, Sampling.NormalSampler.SPLITTABLE);
                } else {
                    b = time(view, Sampling.NormalSampler.SPLITTABLE);
                    a = time(view, Sampling.NormalSampler.ZIGGURAT);
                }
                if (r >= 0) {
                    zig[r] = a;
                    jdk[r] = b;
                    ratio[r] = a / b;
                }
            }
            Arrays.sort(ratio);
            Arrays.sort(zig);
            Arrays.sort(jdk);
            System.out.printf(Locale.ROOT, "%s: %d rounds; ziggurat median %.2f ms, JDK SplittableRandom.nextGaussian "
                    + "median %.2f ms; ratio ziggurat/JDK median %.3f [q1 %.3f, q3 %.3f]%n", shape, r0,
                    zig[r0 / 2], jdk[r0 / 2], ratio[r0 / 2], ratio[r0 / 4], ratio[3 * r0 / 4]);
        }
    }

    private static double time(INDArray view, Sampling.NormalSampler sampler) {
        long t = System.nanoTime();
        Sampling.normal(view, 0.0, 0.01, sampler);
        return (System.nanoTime() - t) / 1e6;
    }
}
