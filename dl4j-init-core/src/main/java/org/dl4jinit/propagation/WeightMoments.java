package org.dl4jinit.propagation;

import java.lang.reflect.Field;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.conf.distribution.ConstantDistribution;
import org.deeplearning4j.nn.conf.distribution.Distribution;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.OrthogonalDistribution;
import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.weights.WeightInitIdentity;
import org.deeplearning4j.nn.weights.WeightInitLecunUniform;
import org.deeplearning4j.nn.weights.WeightInitNormal;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitReluUniform;
import org.deeplearning4j.nn.weights.WeightInitSigmoidUniform;
import org.deeplearning4j.nn.weights.WeightInitUniform;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanAvg;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanIn;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanOut;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanAvg;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanIn;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanOut;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.nn.weights.WeightInitXavierLegacy;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.dl4jinit.init.ConstantInit;
import org.dl4jinit.init.DeltaOrthogonalInit;
import org.dl4jinit.init.DiracInit;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.IdentityInit;
import org.dl4jinit.init.InitDistribution;
import org.dl4jinit.init.LeCunInit;
import org.dl4jinit.init.NormalInit;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.SparseInit;
import org.dl4jinit.init.TruncatedNormalInit;
import org.dl4jinit.init.UniformInit;
import org.dl4jinit.init.VarianceScalingInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The moments of a layer's initial weights that the analysis needs: the mean of a weight and {@code σ_w²}, the
 * variance of {@code Σ_j w_j} over one unit's incoming weights (for i.i.d. zero-mean weights of variance v and
 * fan-in n, {@code σ_w² = v·n}, the σ_w² of mean-field theory). Known exactly for this library's initializers
 * (their own variance formulas) and for DL4J's built-ins by their formulas, with the factors DL4J really draws:
 * {@code LECUN_UNIFORM} and {@code VAR_SCALING_UNIFORM_*} 3/fan, {@code VAR_SCALING_NORMAL_*} and DL4J's
 * {@code TruncatedNormalDistribution} 0.7737·std² (truncated at 2σ without correction), as measured by
 * {@code Dl4jBuiltinComparisonTest}. Any other {@code IWeightInit} is measured: drawn once for the layer's shape on
 * a separate thread (ND4J's generator is per thread, so the caller's stream is untouched), seeded with the
 * configuration's seed.
 */
final class WeightMoments {

    /** How the weights are made. */
    enum Kind {
        /** Independent zero-mean draws (or an orthogonal matrix, which has the same second moments). */
        RANDOM,
        /** All zero. */
        ZERO,
        /** A structure (identity, Dirac, constant), not random: the pre-activation is not a sum of many terms. */
        STRUCTURED,
        /** Drawn and measured. */
        MEASURED
    }

    /** Variance of DL4J's truncated normal (cut at 2σ, no correction) over the untruncated σ². */
    static final double DL4J_TRUNCATION = InitDistribution.TRUNCATED_NORMAL_STD * InitDistribution.TRUNCATED_NORMAL_STD;

    private final Kind kind;
    private final double variance;
    private final double mean;
    private final double gain;
    private final String formula;

    private WeightMoments(Kind kind, double variance, double mean, double gain, String formula) {
        this.kind = kind;
        this.variance = variance;
        this.mean = mean;
        this.gain = gain;
        this.formula = formula;
    }

    /** @return how the weights are made */
    Kind kind() {
        return kind;
    }

    /** @return the variance of one weight */
    double variance() {
        return variance;
    }

    /** @return the mean of one weight */
    double mean() {
        return mean;
    }

    /** @return σ_w², the variance of the sum over one unit's incoming weights per unit input second moment */
    double gain() {
        return gain;
    }

    /** @return e.g. "HeInit: 2/fanIn = 0.0078" */
    String formula() {
        return formula;
    }

    private static WeightMoments random(double v, double incoming, String what) {
        return new WeightMoments(v == 0 ? Kind.ZERO : Kind.RANDOM, v, 0, v * incoming,
                String.format(Locale.ROOT, "%s = %.4g", what, v));
    }

    /**
     * @param init     the layer's initializer (null: DL4J's default Xavier)
     * @param fanIn    DL4J's fan-in for the layer
     * @param fanOut   DL4J's fan-out
     * @param incoming the number of weights summed per output value (nIn for dense, nIn·kH·kW for convolution)
     * @param shape    the weight shape DL4J passes
     * @param seed     the configuration's seed (for a measured initializer)
     * @return the moments
     */
    static WeightMoments of(IWeightInit init, double fanIn, double fanOut, double incoming, long[] shape, long seed) {
        double avg = (fanIn + fanOut) / 2;
        if (init == null || init instanceof WeightInitXavier) {
            return random(2 / (fanIn + fanOut), incoming, "Xavier (DL4J): 2/(fanIn+fanOut)");
        }
        if (init instanceof VarianceScalingInit) {
            return random(((VarianceScalingInit) init).variance(fanIn, fanOut), incoming, init.toString());
        }
        if (init instanceof HeInit) {
            return random(((HeInit) init).variance(fanIn, fanOut), incoming, init.toString());
        }
        if (init instanceof XavierInit) {
            return random(((XavierInit) init).variance(fanIn, fanOut), incoming, init.toString());
        }
        if (init instanceof LeCunInit) {
            return random(((LeCunInit) init).variance(fanIn, fanOut), incoming, init.toString());
        }
        if (init instanceof SmallRandomInit) {
            double f = ((SmallRandomInit) init).getFactor();
            return random(f * f, incoming, init.toString());
        }
        if (init instanceof ZeroInit) {
            return random(0, incoming, "ZeroInit");
        }
        if (init instanceof NormalInit) {
            NormalInit n = (NormalInit) init;
            return withMean(n.getStd() * n.getStd(), n.getMean(), incoming, init.toString());
        }
        if (init instanceof UniformInit) {
            UniformInit u = (UniformInit) init;
            double w = u.getUpper() - u.getLower();
            return withMean(w * w / 12, (u.getUpper() + u.getLower()) / 2, incoming, init.toString());
        }
        if (init instanceof TruncatedNormalInit) {
            TruncatedNormalInit t = (TruncatedNormalInit) init;
            return withMean(t.truncatedVariance(), t.getMean(), incoming, init.toString());
        }
        if (init instanceof ConstantInit) {
            return withMean(0, ((ConstantInit) init).getValue(), incoming, init.toString());
        }
        if (init instanceof OrthogonalInit) {
            double g = ((OrthogonalInit) init).getGain();
            return random(g * g / Math.max(shape[0], rest(shape)), incoming,
                    init + ": gain²/max(rows, cols), second moments of Gaussian weights");
        }
        if (init instanceof SparseInit) {
            SparseInit s = (SparseInit) init;
            double v = s.getNonZeroPerUnit() * s.getStd() * s.getStd() / incoming;
            return random(v, incoming, init + ": k·std²/fanIn");
        }
        if (init instanceof DeltaOrthogonalInit) {
            // the centre tap is an nOut × nIn matrix with orthonormal columns: Σ_j w_cj² = gain²·nIn/nOut
            double g = ((DeltaOrthogonalInit) init).getGain();
            double gain = g * g * shape[1] / shape[0];
            return new WeightMoments(Kind.RANDOM, gain / incoming, 0, gain, String.format(Locale.ROOT,
                    "%s: centre tap orthogonal, σ_w² = gain²·nIn/nOut = %.4g", init, gain));
        }
        if (init instanceof IdentityInit) {
            double s = ((IdentityInit) init).getScale();
            return structured(s * s, init + ": z = scale·x");
        }
        if (init instanceof DiracInit) {
            double s = ((DiracInit) init).getScale();
            return structured(s * s * Math.min(shape[0], shape[1]) / shape[0], init + ": z_c = scale·x_c");
        }
        if (init instanceof WeightInitIdentity) {
            return structured(1, "IDENTITY (DL4J): z = x");
        }
        if (init instanceof WeightInitRelu || init instanceof WeightInitReluUniform) {
            return random(2 / fanIn, incoming, "RELU (DL4J): 2/fanIn");
        }
        if (init instanceof WeightInitXavierUniform) {
            return random(2 / (fanIn + fanOut), incoming, "XAVIER_UNIFORM (DL4J): 2/(fanIn+fanOut)");
        }
        if (init instanceof WeightInitXavierLegacy) {
            return random(1.0 / (shape[0] + shape[1]), incoming, "XAVIER_LEGACY (DL4J): 1/(shape[0]+shape[1])");
        }
        if (init instanceof WeightInitNormal) {
            return random(1 / fanIn, incoming, "NORMAL (DL4J): 1/fanIn");
        }
        if (init instanceof WeightInitUniform) {
            return random(1 / (3 * fanIn), incoming, "UNIFORM (DL4J): U(±1/√fanIn), 1/(3·fanIn)");
        }
        if (init instanceof WeightInitLecunUniform) {
            return random(3 / fanIn, incoming, "LECUN_UNIFORM (DL4J): U(±3/√fanIn), 3/fanIn");
        }
        if (init instanceof WeightInitSigmoidUniform) {
            return random(32 / (fanIn + fanOut), incoming, "SIGMOID_UNIFORM (DL4J): 32/(fanIn+fanOut)");
        }
        if (init instanceof WeightInitVarScalingNormalFanIn) {
            Double s = ((WeightInitVarScalingNormalFanIn) init).getScale();
            return random(DL4J_TRUNCATION * (s == null ? 1 : s) / fanIn, incoming,
                    "VAR_SCALING_NORMAL_FAN_IN (DL4J): 0.7737·scale/fanIn");
        }
        if (init instanceof WeightInitVarScalingNormalFanOut) {
            Double s = ((WeightInitVarScalingNormalFanOut) init).getScale();
            return random(DL4J_TRUNCATION * (s == null ? 1 : s) / fanOut, incoming,
                    "VAR_SCALING_NORMAL_FAN_OUT (DL4J): 0.7737·scale/fanOut");
        }
        if (init instanceof WeightInitVarScalingNormalFanAvg) {
            Double s = ((WeightInitVarScalingNormalFanAvg) init).getScale();
            return random(DL4J_TRUNCATION * (s == null ? 1 : s) / avg, incoming,
                    "VAR_SCALING_NORMAL_FAN_AVG (DL4J): 0.7737·scale·2/(fanIn+fanOut)");
        }
        if (init instanceof WeightInitVarScalingUniformFanIn) {
            Double s = ((WeightInitVarScalingUniformFanIn) init).getScale();
            return random(3 * square(s) / fanIn, incoming, "VAR_SCALING_UNIFORM_FAN_IN (DL4J): 3·scale²/fanIn");
        }
        if (init instanceof WeightInitVarScalingUniformFanOut) {
            Double s = ((WeightInitVarScalingUniformFanOut) init).getScale();
            return random(3 * square(s) / fanOut, incoming, "VAR_SCALING_UNIFORM_FAN_OUT (DL4J): 3·scale²/fanOut");
        }
        if (init instanceof WeightInitVarScalingUniformFanAvg) {
            Double s = ((WeightInitVarScalingUniformFanAvg) init).getScale();
            return random(3 * square(s) / avg, incoming,
                    "VAR_SCALING_UNIFORM_FAN_AVG (DL4J): 3·scale²·2/(fanIn+fanOut)");
        }
        if (init instanceof WeightInitConstant) {
            double value = (Double) field(init, "value");
            return withMean(0, value, incoming, "constant (DL4J) " + value);
        }
        if (init instanceof WeightInitDistribution) {
            Distribution d = (Distribution) field(init, "distribution");
            if (d instanceof NormalDistribution) {
                NormalDistribution n = (NormalDistribution) d;
                return withMean(n.getStd() * n.getStd(), n.getMean(), incoming, "DL4J " + d);
            }
            if (d instanceof TruncatedNormalDistribution) {
                TruncatedNormalDistribution t = (TruncatedNormalDistribution) d;
                return withMean(DL4J_TRUNCATION * t.getStd() * t.getStd(), t.getMean(), incoming,
                        "DL4J " + d + ": 0.7737·std²");
            }
            if (d instanceof UniformDistribution) {
                UniformDistribution u = (UniformDistribution) d;
                double w = u.getUpper() - u.getLower();
                return withMean(w * w / 12, (u.getUpper() + u.getLower()) / 2, incoming, "DL4J " + d);
            }
            if (d instanceof OrthogonalDistribution) {
                double g = ((OrthogonalDistribution) d).getGain();
                return random(g * g / Math.max(shape[0], rest(shape)), incoming, "DL4J " + d);
            }
            if (d instanceof ConstantDistribution) {
                return withMean(0, ((ConstantDistribution) d).getValue(), incoming, "DL4J " + d);
            }
        }
        return measured(init, fanIn, fanOut, incoming, shape, seed);
    }

    private static double square(Double s) {
        return s == null ? 1 : s * s;
    }

    private static long rest(long[] shape) {
        long r = 1;
        for (int i = 1; i < shape.length; i++) {
            r *= shape[i];
        }
        return r;
    }

    private static WeightMoments withMean(double v, double mean, double incoming, String what) {
        if (mean == 0) {
            return random(v, incoming, what);
        }
        // a common mean makes every unit see the same Σ_j x_j: not a sum of independent terms per unit
        return new WeightMoments(Kind.STRUCTURED, v, mean, v * incoming + mean * mean * incoming,
                String.format(Locale.ROOT, "%s: mean %.4g, variance %.4g", what, mean, v));
    }

    private static WeightMoments structured(double gain, String what) {
        return new WeightMoments(Kind.STRUCTURED, Double.NaN, 0, gain,
                String.format(Locale.ROOT, "%s (σ_w² = %.4g)", what, gain));
    }

    private static Object field(Object o, String name) {
        try {
            Field f = o.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + name + " of " + o.getClass().getName(), e);
        }
    }

    /** Draws the layer's weights once on a separate thread and takes their mean and variance. */
    private static WeightMoments measured(IWeightInit init, double fanIn, double fanOut, double incoming,
            long[] shape, long seed) {
        AtomicReference<double[]> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Nd4j.getRandom().setSeed(seed);
                long n = 1;
                for (long s : shape) {
                    n *= s;
                }
                INDArray view = Nd4j.create(DataType.DOUBLE, 1, n);
                INDArray w = init.init(fanIn, fanOut, shape, 'c', view);
                double mean = w.meanNumber().doubleValue();
                double var = w.varNumber().doubleValue();
                result.set(new double[] {mean, Double.isFinite(var) ? var : 0});
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "dl4j-init-weight-moments");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + init, e);
        }
        if (failure.get() != null) {
            throw new IllegalArgumentException("cannot measure the weights of " + init + " for shape "
                    + java.util.Arrays.toString(shape) + ": " + failure.get(), failure.get());
        }
        double mean = result.get()[0];
        double var = result.get()[1];
        String what = String.format(Locale.ROOT, "%s (measured on one draw): mean %.3g, variance %.4g", init, mean,
                var);
        boolean centred = Math.abs(mean) <= 3 * Math.sqrt(var / Math.max(1, incoming));
        return new WeightMoments(centred ? Kind.MEASURED : Kind.STRUCTURED, var, centred ? 0 : mean,
                var * incoming + (centred ? 0 : mean * mean * incoming), what);
    }
}
