package org.dl4jinit.propagation;

/**
 * The two-point products that carry correlations from layer to layer: between two examples at the same feature
 * ({@link #feature}; over all pairs), between two examples of the same class ({@link #same}), between two random
 * values of one unit or channel ({@link #unit}) and between two adjacent positions of one example
 * ({@link #neighbor}). Raw products for a {@link Signal}, covariances (centred) for a {@link PreActivation}.
 * Immutable.
 */
final class Cross {

    static final Cross ZERO = new Cross(0, 0, 0, 0);

    final double feature;
    final double same;
    final double unit;
    final double neighbor;

    Cross(double feature, double same, double unit, double neighbor) {
        this.feature = feature;
        this.same = same;
        this.unit = unit;
        this.neighbor = neighbor;
    }

    /** @return every product times c */
    Cross times(double c) {
        return new Cross(c * feature, c * same, c * unit, c * neighbor);
    }

    /** @return every product plus c */
    Cross plus(double c) {
        return new Cross(feature + c, same + c, unit + c, neighbor + c);
    }

    /** @return the sums of the products */
    Cross plus(Cross o) {
        return new Cross(feature + o.feature, same + o.same, unit + o.unit, neighbor + o.neighbor);
    }

    /** @return the element-wise products */
    Cross times(Cross o) {
        return new Cross(feature * o.feature, same * o.same, unit * o.unit, neighbor * o.neighbor);
    }

    /** @return a unit's values seen by a dense layer: the unit's points are the examples */
    Cross dense() {
        return new Cross(feature, same, feature, 0);
    }
}
