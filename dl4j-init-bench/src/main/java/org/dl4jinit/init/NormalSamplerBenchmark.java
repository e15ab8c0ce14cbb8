package org.dl4jinit.init;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The normal generator inside {@link Sampling}'s chunked parallel in-place fill: our {@link Ziggurat} against JDK
 * 17's {@code nextGaussian()} of {@code SplittableRandom}, {@code L64X128MixRandom} and
 * {@code Xoroshiro128PlusPlus}, on the fill benchmark's FLOAT views (dense 4096×4096 and conv [256,256,3,3] at the
 * head of a flat parameter array). One fork per generator and shape, in one JMH run. In package
 * {@code org.dl4jinit.init} to reach the package-private sampler.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=4G"})
public class NormalSamplerBenchmark {

    /** The view and the generator. */
    @State(Scope.Thread)
    public static class Fill {

        /** The generator. */
        @Param({"ZIGGURAT", "SPLITTABLE", "L64X128_MIX", "XOROSHIRO_128PP"})
        public String sampler;

        /** {@code dense} (4096×4096) or {@code conv} ([256,256,3,3]). */
        @Param({"dense", "conv"})
        public String shape;

        Sampling.NormalSampler normal;
        INDArray view;

        @Setup(Level.Trial)
        public void setUp() {
            normal = Sampling.NormalSampler.valueOf(sampler);
            long n = shape.equals("dense") ? 4096L * 4096 : 256L * 256 * 9;
            long bias = shape.equals("dense") ? 4096 : 256;
            INDArray flat = Nd4j.create(DataType.FLOAT, 1, n + bias);
            view = flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, n));
        }
    }

    @Benchmark
    public INDArray normalFill(Fill s) {
        Sampling.normal(s.view, 0.0, 0.01, s.normal);
        return s.view;
    }
}
