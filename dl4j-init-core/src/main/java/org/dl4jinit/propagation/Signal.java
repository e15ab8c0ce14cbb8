package org.dl4jinit.propagation;

/**
 * The predicted state of the values a layer or vertex passes on: their raw second moment per input group, their
 * mean, the raw two-point products that carry correlations ({@link Cross}), the fraction exactly zero, and — when known exactly — how they were made: a
 * Gaussian ({@link #gaussian}) or an activation of a Gaussian ({@link #probe} of {@link #source}). Also the
 * relative variance of the second moment from finite width and the batch ({@link #noise}). Immutable.
 */
final class Signal {

    final double[] m2;
    final double mean;
    final Cross cross;
    final double zero;
    final PreActivation gaussian;
    final ActivationProbe probe;
    final PreActivation source;
    final double noise;
    final long units;
    final long positions;
    final String origin;

    Signal(double[] m2, double mean, Cross cross, double zero, PreActivation gaussian, ActivationProbe probe,
            PreActivation source, double noise, long units, long positions, String origin) {
        this.m2 = m2;
        this.mean = mean;
        this.cross = cross;
        this.zero = zero;
        this.gaussian = gaussian;
        this.probe = probe;
        this.source = source;
        this.noise = noise;
        this.units = units;
        this.positions = positions;
        this.origin = origin;
    }

    /** @return the second moment over all groups */
    double secondMoment(double[] weights) {
        return PreActivation.pooled(m2, weights);
    }

    /** @return the variance over all values */
    double variance(double[] weights) {
        return Math.max(0, secondMoment(weights) - mean * mean);
    }

    /** The same values with other units/positions (a reshape). */
    Signal reshaped(long newUnits, long newPositions) {
        return new Signal(m2, mean, cross, zero, gaussian, probe, source, noise, newUnits, newPositions, origin);
    }

    /**
     * The Gaussian with this signal's mean, variances and covariances (exact if {@link #gaussian} is set, the
     * moment-matched approximation otherwise).
     */
    PreActivation asGaussian(double[] weights) {
        if (gaussian != null) {
            return gaussian;
        }
        double[] q = new double[m2.length];
        for (int g = 0; g < q.length; g++) {
            q[g] = Math.max(0, m2[g] - mean * mean);
        }
        double mm = mean * mean;
        return new PreActivation(mean, q, weights, cross.plus(-mm));
    }
}
