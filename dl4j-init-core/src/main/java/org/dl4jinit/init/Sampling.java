package org.dl4jinit.init;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * In-place random fills, all seeded from ND4J's global RNG (so the network seed reproduces the weights).
 *
 * <p>Normal draws into large contiguous float/double views (DL4J's flat parameter views) are made in Java, in
 * parallel chunks, by JDK 17's {@code nextGaussian()}, and written straight into the view's memory: faster than
 * ND4J's native Gaussian op that DL4J's built-ins use (measured in docs/benchmarks.md, fill benchmark). Uniform
 * draws, small and strided views use ND4J's native ops. Either way nothing of the view's size is allocated in
 * ND4J and nothing is copied back.
 */
final class Sampling {

    /** Rounds of redrawing after which a truncated-normal fill gives up (each round keeps ~95% of draws). */
    private static final int MAX_REDRAW_ROUNDS = 1000;

    private Sampling() {
    }

    /** Below this many elements the native op's dispatch is cheaper than forking chunks. */
    private static final int JAVA_FILL_MIN = 1 << 15;
    /** Elements per chunk of the Java fill; each chunk has its own generator, derived from the seed. */
    private static final int CHUNK = 1 << 16;

    /**
     * Fills {@code view} with N(mean, std²) in place.
     *
     * <p>Large contiguous float/double views are filled in Java, in parallel chunks, each chunk from its own
     * {@link SplittableRandom} (JDK 17's {@code nextGaussian()}: McFarland's modified ziggurat, an exact
     * N(0, 1) sample up to the generator's quality), straight into the view's memory. The chunk generators are
     * seeded from one draw of ND4J's RNG, so the network seed still reproduces the weights, whatever the thread
     * scheduling. Other views use ND4J's native Gaussian op.
     */
    static void normal(INDArray view, double mean, double std) {
        if (!javaFillable(view)) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(view, mean, std), Nd4j.getRandom());
            return;
        }
        fillChunks(view, (rng, chunk) -> {
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (float) (mean + std * rng.nextGaussian());
            }
        }, (rng, chunk) -> {
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = mean + std * rng.nextGaussian();
            }
        });
    }

    /** Fills a chunk of floats from a generator. */
    @FunctionalInterface
    private interface FloatFill {
        void fill(SplittableRandom rng, float[] chunk);
    }

    /** Fills a chunk of doubles from a generator. */
    @FunctionalInterface
    private interface DoubleFill {
        void fill(SplittableRandom rng, double[] chunk);
    }

    /**
     * Splits the view into chunks, fills each from its own generator (seeded from one draw of ND4J's RNG and
     * the chunk index, so the result does not depend on which thread fills which chunk) and writes it straight
     * into the view's memory.
     */
    private static void fillChunks(INDArray view, FloatFill floats, DoubleFill doubles) {
        long seed = Nd4j.getRandom().nextLong();
        int n = (int) view.length();
        int chunks = (n + CHUNK - 1) / CHUNK;
        boolean isFloat = view.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT;
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            SplittableRandom rng = new SplittableRandom(mix(seed, c));
            int from = c * CHUNK;
            int len = Math.min(n, from + CHUNK) - from;
            if (isFloat) {
                float[] chunk = new float[len];
                floats.fill(rng, chunk);
                java.nio.FloatBuffer fb = view.data().asNioFloat();
                fb.position((int) view.offset() + from);
                fb.put(chunk);
            } else {
                double[] chunk = new double[len];
                doubles.fill(rng, chunk);
                java.nio.DoubleBuffer db = view.data().asNioDouble();
                db.position((int) view.offset() + from);
                db.put(chunk);
            }
        });
    }

    private static boolean javaFillable(INDArray view) {
        org.nd4j.linalg.api.buffer.DataType t = view.dataType();
        return view.length() >= JAVA_FILL_MIN && view.length() <= Integer.MAX_VALUE
                && (t == org.nd4j.linalg.api.buffer.DataType.FLOAT || t == org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                && view.elementWiseStride() == 1 && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(view)
                && view.offset() + view.length() <= Integer.MAX_VALUE;
    }

    /** Stafford's mix13 of seed and chunk index: well-separated seeds for the chunk generators. */
    private static long mix(long seed, int chunk) {
        long z = seed + (chunk + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Fills {@code view} with U(lower, upper) in place by ND4J's native op: one pass, which a Java fill does not
     * beat (docs/benchmarks.md: equal when warm, slower when cold).
     */
    static void uniform(INDArray view, double lower, double upper) {
        Nd4j.getExecutioner().exec(new UniformDistribution(view, lower, upper), Nd4j.getRandom());
    }

    /**
     * Fills {@code view} with N(mean, std²) truncated to {@code [mean - k·std, mean + k·std]}: draws outside
     * are redrawn until every value lies inside (rejection sampling, so the shape of the normal inside the
     * bounds is exact).
     */
    static void truncatedNormal(INDArray view, double mean, double std, double k) {
        normal(view, 0.0, 1.0);
        long outside = countAbsGreaterThan(view, k);
        for (int round = 0; outside > 0; round++) {
            if (round == MAX_REDRAW_ROUNDS) {
                throw new IllegalStateException("truncated normal: " + outside + " draws still beyond " + k
                        + " standard deviations after " + MAX_REDRAW_ROUNDS + " rounds");
            }
            INDArray candidates = Nd4j.randn(view.dataType(), view.shape());
            BooleanIndexing.replaceWhere(view, candidates, Conditions.absGreaterThan(k));
            outside = countAbsGreaterThan(view, k);
        }
        view.muli(std);
        if (mean != 0.0) {
            view.addi(mean);
        }
    }

    private static long countAbsGreaterThan(INDArray view, double k) {
        return Nd4j.getExecutioner().exec(new MatchCondition(view, Conditions.absGreaterThan(k)))
                .getLong(0);
    }
}
