package org.dl4jinit.examples.study;

import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.HealthReport;

/**
 * Figures of the hidden layers at one iteration, in depth order: the pictures of Glorot &amp; Bengio 2010
 * (Fig. 6–7: activation and gradient statistics per layer) and He et al. 2015. Immutable.
 */
public final class LayerProfile {

    private final int iteration;
    private final double[] activationStd;
    private final double[] saturated;
    private final double[] zero;
    private final double[] gradientNorm;

    private LayerProfile(int iteration, double[] activationStd, double[] saturated, double[] zero,
            double[] gradientNorm) {
        this.iteration = iteration;
        this.activationStd = activationStd;
        this.saturated = saturated;
        this.zero = zero;
        this.gradientNorm = gradientNorm;
    }

    /**
     * @param report    a health report
     * @param iteration the 0-based iteration of the run it belongs to
     * @param hidden    the number of hidden layers (the first {@code hidden} layers of the report)
     * @return the hidden layers' figures
     */
    public static LayerProfile of(HealthReport report, int iteration, int hidden) {
        return of(iteration, hidden, report.layers().size(), i -> report.layers().get(i)::get);
    }

    /**
     * @param iteration the 0-based iteration
     * @param hidden    the number of hidden layers (the first {@code hidden} of {@code layers})
     * @param layers    the number of layers there are figures of
     * @param figures   layer index → its figures (measured by the listener, or predicted)
     * @return the hidden layers' figures
     * @throws IllegalArgumentException if {@code hidden} &gt; {@code layers}
     */
    static LayerProfile of(int iteration, int hidden, int layers, IntFunction<ToDoubleFunction<Figure>> figures) {
        if (layers < hidden) {
            throw new IllegalArgumentException("hidden must be <= the report's " + layers + " layers, was " + hidden);
        }
        double[] std = new double[hidden];
        double[] sat = new double[hidden];
        double[] zero = new double[hidden];
        double[] grad = new double[hidden];
        for (int i = 0; i < hidden; i++) {
            ToDoubleFunction<Figure> l = figures.apply(i);
            std[i] = l.applyAsDouble(Figure.ACTIVATION_STD);
            sat[i] = l.applyAsDouble(Figure.SATURATED_FRACTION);
            zero[i] = l.applyAsDouble(Figure.ZERO_FRACTION);
            grad[i] = l.applyAsDouble(Figure.GRADIENT_NORM);
        }
        return new LayerProfile(iteration, std, sat, zero, grad);
    }

    /**
     * @param iteration     the 0-based iteration
     * @param activationStd activation std per hidden layer
     * @param saturated     saturated fraction per hidden layer
     * @param zero          zero fraction per hidden layer
     * @param gradientNorm  weight-gradient norm per hidden layer
     * @return the profile (arrays copied)
     */
    public static LayerProfile of(int iteration, double[] activationStd, double[] saturated, double[] zero,
            double[] gradientNorm) {
        int n = activationStd.length;
        if (saturated.length != n || zero.length != n || gradientNorm.length != n) {
            throw new IllegalArgumentException("every figure needs one value per hidden layer (" + n + "), were "
                    + saturated.length + ", " + zero.length + ", " + gradientNorm.length);
        }
        return new LayerProfile(iteration, activationStd.clone(), saturated.clone(), zero.clone(),
                gradientNorm.clone());
    }

    /** @return the 0-based iteration */
    public int iteration() {
        return iteration;
    }

    /** @return the number of hidden layers */
    public int layers() {
        return activationStd.length;
    }

    /** @return activation std per hidden layer */
    public double[] activationStd() {
        return activationStd.clone();
    }

    /** @return saturated fraction per hidden layer */
    public double[] saturated() {
        return saturated.clone();
    }

    /** @return zero fraction per hidden layer */
    public double[] zero() {
        return zero.clone();
    }

    /** @return raw weight-gradient L2 norm per hidden layer */
    public double[] gradientNorm() {
        return gradientNorm.clone();
    }
}
