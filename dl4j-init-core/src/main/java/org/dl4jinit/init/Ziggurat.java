package org.dl4jinit.init;

import java.util.random.RandomGenerator;

/**
 * Standard normal variates by the ziggurat method of Marsaglia &amp; Tsang ("The Ziggurat Method for Generating
 * Random Variables", Journal of Statistical Software 5(8), 2000), 128 layers, with Doornik's fix ("An Improved
 * Ziggurat Method to Generate Normal Random Samples", 2005): the layer index and the value come from
 * independent bits of one 64-bit draw.
 *
 * <p>Each draw: one {@code nextLong}, a table look-up, a comparison and a multiplication in 98.8% of cases;
 * the wedges and the tail (x &gt; r = 3.4426) are sampled exactly by rejection, so the output is an exact
 * N(0, 1) sample (up to the generator's quality), unlike Box–Muller approximations or sums of uniforms.
 */
final class Ziggurat {

    private static final int LAYERS = 128;
    private static final double R = 3.442619855899;
    private static final double V = 9.91256303526217e-3;
    private static final double M1 = 2147483648.0;

    private static final long[] KN = new long[LAYERS];
    private static final double[] WN = new double[LAYERS];
    private static final double[] FN = new double[LAYERS];

    static {
        double dn = R;
        double tn = dn;
        double q = V / Math.exp(-0.5 * dn * dn);
        KN[0] = (long) ((dn / q) * M1);
        KN[1] = 0;
        WN[0] = q / M1;
        WN[LAYERS - 1] = dn / M1;
        FN[0] = 1.0;
        FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
        for (int i = LAYERS - 2; i >= 1; i--) {
            dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
            KN[i + 1] = (long) ((dn / tn) * M1);
            tn = dn;
            FN[i] = Math.exp(-0.5 * dn * dn);
            WN[i] = dn / M1;
        }
    }

    private Ziggurat() {
    }

    /**
     * @param rng the source of bits
     * @return one N(0, 1) variate
     */
    static double next(RandomGenerator rng) {
        while (true) {
            long bits = rng.nextLong();
            int iz = (int) (bits & (LAYERS - 1));
            long hz = bits >> 32;                 // signed 32-bit value, independent of the index bits
            if (Math.abs(hz) < KN[iz]) {
                return hz * WN[iz];              // inside the layer's rectangle: accepted at once (98.8%)
            }
            double x = hz * WN[iz];
            if (iz == 0) {
                // the tail beyond R (Marsaglia 1964)
                double xt;
                double y;
                do {
                    xt = -Math.log(uniform(rng)) / R;
                    y = -Math.log(uniform(rng));
                } while (y + y < xt * xt);
                return hz > 0 ? R + xt : -R - xt;
            }
            // the wedge between the rectangle and the density
            if (FN[iz] + uniform(rng) * (FN[iz - 1] - FN[iz]) < Math.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }

    /** A uniform in (0, 1], never 0 (so its logarithm is finite). */
    private static double uniform(RandomGenerator rng) {
        return ((rng.nextLong() >>> 11) + 1) * 0x1.0p-53;
    }
}
