package org.dl4jinit.init;

import static org.dl4jinit.init.Moments.exact;
import static org.dl4jinit.init.Moments.normal;
import static org.dl4jinit.init.Moments.random;
import static org.dl4jinit.init.Moments.truncated;
import static org.dl4jinit.init.Moments.uniform;

import java.util.ArrayList;
import java.util.List;

/**
 * Every initializer of the package with the moments its formula predicts for each geometry. The formulas are
 * written here independently of the implementation (they restate the papers), so a wrong scale in the code
 * fails the contract test.
 */
final class InitCases {

    private InitCases() {
    }

    static List<InitCase> all() {
        List<InitCase> cases = new ArrayList<>();
        cases.add(InitCase.of("zero", new ZeroInit(), new ConstantInit(1), g -> exact(0, 0)));
        cases.add(InitCase.of("constant(0.25)", new ConstantInit(0.25), new ConstantInit(0.5), g -> exact(0.25, 0)));
        cases.add(InitCase.of("smallRandom()", new SmallRandomInit(), new SmallRandomInit(0.01),
                g -> normal(1e-6)));
        cases.add(InitCase.of("uniform(-0.5,1.5)", new UniformInit(-0.5, 1.5), new UniformInit(-0.5, 1.0),
                g -> random(0.5, 4.0 / 12, Moments.UNIFORM_KURTOSIS)));
        cases.add(InitCase.of("normal(0.1,0.2)", new NormalInit(0.1, 0.2), new NormalInit(0.1, 0.3),
                g -> random(0.1, 0.04, Moments.NORMAL_KURTOSIS)));
        cases.add(InitCase.of("truncatedNormal(0.5,0.1,2)", new TruncatedNormalInit(0.5, 0.1),
                new TruncatedNormalInit(0.5, 0.1, 3),
                g -> random(0.5, 0.01 * 0.7737413035499232, Moments.TRUNCATED2_KURTOSIS)));

        for (FanMode mode : FanMode.values()) {
            cases.add(InitCase.of("varianceScaling(2," + mode + ",NORMAL)",
                    new VarianceScalingInit(2.0, mode, InitDistribution.NORMAL),
                    new VarianceScalingInit(2.0, mode, InitDistribution.UNIFORM),
                    g -> normal(2.0 / fan(mode, g))));
            cases.add(InitCase.of("varianceScaling(2," + mode + ",UNIFORM)",
                    new VarianceScalingInit(2.0, mode, InitDistribution.UNIFORM),
                    new VarianceScalingInit(1.0, mode, InitDistribution.UNIFORM),
                    g -> uniform(2.0 / fan(mode, g))));
            cases.add(InitCase.of("varianceScaling(2," + mode + ",TRUNCATED_NORMAL)",
                    new VarianceScalingInit(2.0, mode, InitDistribution.TRUNCATED_NORMAL),
                    new VarianceScalingInit(2.0, mode, InitDistribution.NORMAL),
                    g -> truncated(2.0 / fan(mode, g))));
        }

        cases.add(InitCase.of("he()", new HeInit(), HeInit.uniform(), g -> normal(2.0 / g.fanIn)));
        cases.add(InitCase.of("he.uniform()", HeInit.uniform(), new HeInit(), g -> uniform(2.0 / g.fanIn)));
        cases.add(InitCase.of("he(NORMAL,FAN_OUT,0)", new HeInit(InitDistribution.NORMAL, FanMode.FAN_OUT, 0),
                new HeInit(), g -> normal(2.0 / g.fanOut)));
        cases.add(InitCase.of("he(leaky 0.2)", new HeInit(0.2), new HeInit(0.3),
                g -> normal(2.0 / (1 + 0.04) / g.fanIn)));
        cases.add(InitCase.of("he(UNIFORM,FAN_OUT,0.1)", new HeInit(InitDistribution.UNIFORM, FanMode.FAN_OUT, 0.1),
                new HeInit(InitDistribution.UNIFORM, FanMode.FAN_IN, 0.1),
                g -> uniform(2.0 / (1 + 0.01) / g.fanOut)));

        cases.add(InitCase.of("xavier()", new XavierInit(), XavierInit.normal(),
                g -> uniform(2.0 / (g.fanIn + g.fanOut))));
        cases.add(InitCase.of("xavier.normal()", XavierInit.normal(), XavierInit.normal(2),
                g -> normal(2.0 / (g.fanIn + g.fanOut))));
        cases.add(InitCase.of("xavier.uniform(5/3)", XavierInit.uniform(5.0 / 3), XavierInit.uniform(),
                g -> uniform(25.0 / 9 * 2.0 / (g.fanIn + g.fanOut))));

        cases.add(InitCase.of("lecun()", new LeCunInit(), LeCunInit.uniform(), g -> normal(1.0 / g.fanIn)));
        cases.add(InitCase.of("lecun.uniform()", LeCunInit.uniform(), new LeCunInit(), g -> uniform(1.0 / g.fanIn)));

        cases.add(InitCase.of("orthogonal()", new OrthogonalInit(), new OrthogonalInit(2),
                g -> normal(1.0 / g.maxSide())).on(Geometry.DENSE, Geometry.CONV, Geometry.LSTM, Geometry.SQUARE));
        cases.add(InitCase.of("orthogonal(2)", new OrthogonalInit(2), new OrthogonalInit(),
                g -> normal(4.0 / g.maxSide())).on(Geometry.DENSE, Geometry.CONV, Geometry.LSTM, Geometry.SQUARE));
        // identity: 512 entries of 0.5 among 512² (sample variance with n − 1)
        cases.add(InitCase.of("identity(0.5)", new IdentityInit(0.5), new IdentityInit(),
                g -> exact(0.5 * 512 / g.length(), (0.25 * 512 - 0.25 * 512 * 512 / (double) g.length())
                        / (g.length() - 1))).on(Geometry.SQUARE));
        // Dirac on [64, 32, 3, 3]: min(64, 32) = 32 ones
        cases.add(InitCase.of("dirac()", new DiracInit(), new DiracInit(2),
                g -> exact(32.0 / g.length(), (32 - 32.0 * 32 / g.length()) / (g.length() - 1))).on(Geometry.CONV));
        // delta-orthogonal on [64, 32, 3, 3]: orthonormal columns at the centre tap, sum of squares 32; 8/9 zeros
        cases.add(InitCase.of("deltaOrthogonal()", new DeltaOrthogonalInit(), new DeltaOrthogonalInit(0.5),
                g -> random(0, 32.0 / g.length(), 9 * Moments.NORMAL_KURTOSIS)).on(Geometry.CONV));
        // sparse: a fraction p = k / incoming of N(0, std²) entries, variance p·std², kurtosis 3/p
        cases.add(InitCase.of("sparse()", new SparseInit(), new SparseInit(10, 1.0),
                g -> random(0, 15.0 / g.incoming(), 3.0 * g.incoming() / 15)));
        cases.add(InitCase.of("sparse(4,0.5)", new SparseInit(4, 0.5), new SparseInit(4, 1.0),
                g -> random(0, 4 * 0.25 / g.incoming(), 3.0 * g.incoming() / 4)));
        return cases;
    }

    private static double fan(FanMode mode, Geometry g) {
        switch (mode) {
            case FAN_IN:
                return g.fanIn;
            case FAN_OUT:
                return g.fanOut;
            default:
                return (g.fanIn + g.fanOut) / 2;
        }
    }
}
