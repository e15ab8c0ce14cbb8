package org.dl4jinit.init;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * One initializer under contract test: the instance, an instance that must differ from it, the geometries it
 * supports and, per geometry, the moments its formula predicts (written out independently of the code).
 */
final class InitCase {
    final String name;
    final IWeightInit init;
    final IWeightInit different;
    final Set<Geometry> geometries;
    final Function<Geometry, Moments> expected;

    private InitCase(String name, IWeightInit init, IWeightInit different, Set<Geometry> geometries,
            Function<Geometry, Moments> expected) {
        this.name = name;
        this.init = init;
        this.different = different;
        this.geometries = geometries;
        this.expected = expected;
    }

    static InitCase of(String name, IWeightInit init, IWeightInit different, Function<Geometry, Moments> expected) {
        return new InitCase(name, init, different, EnumSet.of(Geometry.DENSE, Geometry.CONV, Geometry.LSTM), expected);
    }

    InitCase on(Geometry first, Geometry... rest) {
        return new InitCase(name, init, different, EnumSet.of(first, rest), expected);
    }

    /** Whether it needs a square dense layer (identity) in network-level tests. */
    boolean squareOnly() {
        return geometries.equals(EnumSet.of(Geometry.SQUARE));
    }

    /** Whether it only applies to convolution kernels. */
    boolean convOnly() {
        return geometries.equals(EnumSet.of(Geometry.CONV));
    }

    @Override
    public String toString() {
        return name;
    }
}
