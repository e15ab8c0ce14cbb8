package org.dl4jinit.examples.study;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.init.FanMode;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.InitDistribution;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.VarianceScalingInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;

/**
 * The initializers the study compares, by the name used on the command line ({@code --inits zero,he}).
 *
 * <p>{@link #LSUV} is the one data-dependent choice, as Mishkin &amp; Matas 2016 define it: the network is built
 * with orthogonal weights ({@link OrthogonalInit}, its pre-initialization) and {@link org.dl4jinit.lsuv.Lsuv}
 * rescales each layer to unit output variance on one training batch before the first update.
 */
public enum StudyInit {
    /** W = 0: the symmetry never breaks. */
    ZERO("zero", "zero", "W = 0"),
    /** N(0,1)·0.001, the "small random numbers" of the pre-2010 folklore. */
    TINY("tiny", "N(0,1)·0.001", "W ~ N(0, 1e-6)"),
    /**
     * The "commonly used heuristic" of Glorot &amp; Bengio 2010, eq. 1: U[−1/√n, 1/√n], n = fan-in, i.e.
     * Var[W] = 1/(3n) (variance scaling, scale 1/3, fan-in, uniform).
     */
    STANDARD("standard", "U[±1/√n]", "W ~ U[-1/sqrt(fanIn), 1/sqrt(fanIn)]"),
    /** Glorot &amp; Bengio 2010 normalized initialization, eq. 16: U[±√(6/(fanIn+fanOut))]. */
    XAVIER("xavier", "Xavier", "W ~ U[-sqrt(6/(fanIn+fanOut)), +sqrt(6/(fanIn+fanOut))]"),
    /** He et al. 2015, eq. 10: N(0, 2/fanIn). */
    HE("he", "He", "W ~ N(0, 2/fanIn)"),
    /** Orthogonal weights, then LSUV (Mishkin &amp; Matas 2016) on one training batch. */
    LSUV("lsuv", "LSUV", "orthogonal, then each layer rescaled to unit output variance on one batch (LSUV)");

    private final String cliName;
    private final String label;
    private final String formula;

    StudyInit(String cliName, String label, String formula) {
        this.cliName = cliName;
        this.label = label;
        this.formula = formula;
    }

    /** @return the name on the command line */
    public String cliName() {
        return cliName;
    }

    /** @return the label in tables and legends */
    public String label() {
        return label;
    }

    /** @return what the weights are, in one line */
    public String formula() {
        return formula;
    }

    /** @return the {@link IWeightInit} the network is built with (for {@link #LSUV}: its orthogonal pre-init) */
    public IWeightInit weightInit() {
        switch (this) {
            case ZERO:
                return new ZeroInit();
            case TINY:
                return new SmallRandomInit();
            case LSUV:
                return new OrthogonalInit();
            case STANDARD:
                return new VarianceScalingInit(1.0 / 3.0, FanMode.FAN_IN, InitDistribution.UNIFORM);
            case XAVIER:
                return XavierInit.uniform();
            case HE:
                return new HeInit();
            default:
                throw new IllegalStateException("no initializer for " + this);
        }
    }

    /** @return whether LSUV runs on the built network before training */
    public boolean dataDependent() {
        return this == LSUV;
    }

    /**
     * @param name a command-line name, case-insensitive
     * @return the initializer
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static StudyInit parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (StudyInit init : values()) {
            if (init.cliName.equals(n)) {
                return init;
            }
        }
        throw new IllegalArgumentException("unknown initializer '" + name + "': expected one of " + names());
    }

    /** @return the accepted names, comma-separated */
    public static String names() {
        return Arrays.stream(values()).map(StudyInit::cliName).collect(Collectors.joining(", "));
    }
}
