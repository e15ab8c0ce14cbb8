package org.dl4jinit.bench;

import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.init.XavierInit;
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
 * Fill time of an initializer over a DL4J-style parameter view: a FLOAT row-vector view of the weights at the
 * head of a flat parameter array that also holds the layer's bias, as DL4J's {@code DefaultParamInitializer}
 * and {@code ConvolutionParamInitializer} lay them out. Every invocation refills the same view in place, so
 * the time is the initializer's, not an allocation's.
 *
 * <p>Each of this library's initializers is paired with DL4J's built-in for the same distribution
 * ({@code ours*} / {@code dl4j*}); {@code nd4jRandn} and {@code nd4jRand} are the floor: a bare in-place
 * N(0,1) or U(0,1) fill of the same view on ND4J's global RNG. Shapes:
 * <ul>
 *   <li>{@code dense}: a 4096×4096 dense weight, fanIn = fanOut = 4096, order 'f';</li>
 *   <li>{@code conv}: a [256,256,3,3] convolution weight, fanIn = fanOut = 256·3·3, order 'c'.</li>
 * </ul>
 *
 * <p>{@code orthogonalOurs} fills a 1024×1024 dense weight with {@link OrthogonalInit} (Gaussian draw, LAPACK
 * QR, sign fix, copy into the view); its reference is NumPy's QR of the same size, timed by
 * {@code bench/numpy_orthogonal.py} in the same run (see {@link InitBenchmarkReport}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=4G"})
public class InitFillBenchmark {

    /** A weight shape with DL4J's fans and flattening order, and a view into a flat parameter array. */
    @State(Scope.Thread)
    public static class Fill {

        /** {@code dense} (4096×4096, 'f') or {@code conv} ([256,256,3,3], 'c'). */
        @Param({"dense", "conv"})
        public String shapeName;

        BenchShape shape;
        INDArray view;

        final IWeightInit oursHe = new HeInit();
        final IWeightInit dl4jHe = WeightInit.RELU.getWeightInitFunction();
        final IWeightInit oursXavierNormal = XavierInit.normal();
        final IWeightInit dl4jXavierNormal = WeightInit.XAVIER.getWeightInitFunction();
        final IWeightInit oursXavierUniform = XavierInit.uniform();
        final IWeightInit dl4jXavierUniform = WeightInit.XAVIER_UNIFORM.getWeightInitFunction();

        @Setup(Level.Trial)
        public void setUp() {
            shape = BenchShape.ofParam(shapeName);
            view = shape.newParamView();
        }

        INDArray fill(IWeightInit init) {
            return init.init(shape.fanIn, shape.fanOut, shape.shape, shape.order, view);
        }
    }

    /** A 1024×1024 dense weight ('f' order) at the head of a flat FLOAT parameter array, for orthogonal fills. */
    @State(Scope.Thread)
    public static class Orthogonal {

        static final long[] SHAPE = {1024, 1024};

        final IWeightInit ours = new OrthogonalInit();
        INDArray view;

        @Setup(Level.Trial)
        public void setUp() {
            INDArray flatParams = Nd4j.create(DataType.FLOAT, 1, SHAPE[0] * SHAPE[1] + SHAPE[1]);
            view = flatParams.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, SHAPE[0] * SHAPE[1]));
        }
    }

    @Benchmark
    public INDArray heOurs(Fill s) {
        return s.fill(s.oursHe);
    }

    @Benchmark
    public INDArray heDl4j(Fill s) {
        return s.fill(s.dl4jHe);
    }

    @Benchmark
    public INDArray xavierNormalOurs(Fill s) {
        return s.fill(s.oursXavierNormal);
    }

    @Benchmark
    public INDArray xavierNormalDl4j(Fill s) {
        return s.fill(s.dl4jXavierNormal);
    }

    @Benchmark
    public INDArray xavierUniformOurs(Fill s) {
        return s.fill(s.oursXavierUniform);
    }

    @Benchmark
    public INDArray xavierUniformDl4j(Fill s) {
        return s.fill(s.dl4jXavierUniform);
    }

    /** Floor: a bare in-place N(0,1) fill of the same view. */
    @Benchmark
    public INDArray nd4jRandn(Fill s) {
        return Nd4j.randn(s.view);
    }

    /** Floor: a bare in-place U(0,1) fill of the same view. */
    @Benchmark
    public INDArray nd4jRand(Fill s) {
        return Nd4j.rand(s.view);
    }

    @Benchmark
    public INDArray orthogonalOurs(Orthogonal s) {
        return s.ours.init(1024, 1024, Orthogonal.SHAPE, 'f', s.view);
    }
}
