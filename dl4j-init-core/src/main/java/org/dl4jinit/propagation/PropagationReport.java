package org.dl4jinit.propagation;

import static org.dl4jinit.health.TableCells.clip;
import static org.dl4jinit.health.TableCells.number;
import static org.dl4jinit.health.TableCells.percent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;

/**
 * The result of {@link SignalPropagation#analyze}: per layer the predicted figures, gains, band and findings, in
 * the listener's depth order, and the predicted verdict of each necessary condition. Immutable.
 */
public final class PropagationReport implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<LayerPrediction> layers;
    private final String input;
    private final int batchSize;
    private final double band;

    PropagationReport(List<LayerPrediction> layers, String input, int batchSize, double band) {
        this.layers = List.copyOf(layers);
        this.input = input;
        this.batchSize = batchSize;
        this.band = band;
    }

    /** @return every layer in depth order */
    public List<LayerPrediction> layers() {
        return layers;
    }

    /**
     * @param name a layer's name (index for a MultiLayerConfiguration, vertex name for a graph)
     * @return that layer
     * @throws IllegalArgumentException if there is none
     */
    public LayerPrediction layer(String name) {
        for (LayerPrediction l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no layer named \"" + name + "\" in this report");
    }

    /** @return what was assumed or measured about the input */
    public String input() {
        return input;
    }

    /** @return the batch size the per-unit figures and the band are for */
    public int batchSize() {
        return batchSize;
    }

    /** @return every predicted finding, layers in depth order */
    public List<Violation> violations() {
        List<Violation> all = new ArrayList<>();
        for (LayerPrediction l : layers) {
            all.addAll(l.violations());
        }
        return all;
    }

    /** @return the worst predicted verdict */
    public Verdict verdict() {
        Verdict v = Verdict.HEALTHY;
        for (LayerPrediction l : layers) {
            v = v.worst(l.verdict());
        }
        return v;
    }

    /**
     * @param group condition 1, condition 2 or gradients
     * @return the worst predicted verdict in that group, as {@code HealthReport.verdict(group)} of the first
     *         checked iteration will be if the prediction holds
     */
    public Verdict verdict(HealthCondition.Group group) {
        Verdict v = Verdict.HEALTHY;
        for (LayerPrediction l : layers) {
            v = v.worst(l.verdict(group));
        }
        return v;
    }

    /** @return the layers that were not modelled or only approximately, with why */
    public List<LayerPrediction> notExact() {
        List<LayerPrediction> out = new ArrayList<>();
        for (LayerPrediction l : layers) {
            if (l.modelling() != Modelling.MODELLED) {
                out.add(l);
            }
        }
        return out;
    }

    /** @return the per-layer table, the verdicts, the findings and the notes, as fixed-width text */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append(String.format(Locale.ROOT, "Signal propagation (no data, no forward pass): batch %d, band ±%.3g sd%n",
                batchSize, band));
        sb.append("input: ").append(input).append(nl);
        sb.append(String.format(Locale.ROOT, "condition 1 %s, condition 2 %s, gradients %s%n",
                verdict(HealthCondition.Group.CONDITION_1_NOT_SATURATED),
                verdict(HealthCondition.Group.CONDITION_2_NOT_ZERO), verdict(HealthCondition.Group.GRADIENTS)));
        String row = "%-26s %-10s %9s %9s %9s %-19s %6s %6s %6s %9s %9s %9s %9s  %-8s %s%n";
        sb.append(String.format(Locale.ROOT, row, "layer", "activation", "σ_w²", "q", "std", "std band", "zero",
                "sat", "dead", "scale", "χ", "gain", "grad rat", "verdict", "modelling"));
        for (LayerPrediction l : layers) {
            String bandText = Double.isNaN(l.stdLow()) ? "-" : number(l.stdLow()) + ".." + number(l.stdHigh());
            sb.append(String.format(Locale.ROOT, row, clip(l.name() + " " + l.layer().type(), 26),
                    clip(l.layer().activation(), 10), number(l.weightGain()), number(l.preActivationVariance()),
                    number(l.std()), bandText, percent(l.get(Figure.ZERO_FRACTION)),
                    percent(l.get(Figure.SATURATED_FRACTION)), percent(l.get(Figure.DEAD_UNITS)),
                    number(l.get(Figure.SCALE_RATIO)), number(l.chi()), number(l.cumulativeGain()),
                    number(l.get(Figure.GRADIENT_RATIO)), l.verdict(), l.modelling()));
        }
        for (Violation v : violations()) {
            sb.append("  - predicted: ").append(v.message()).append(nl);
        }
        for (LayerPrediction l : layers) {
            if (!l.note().isEmpty()) {
                sb.append("  * ").append(l.layer().describe()).append(": ").append(l.note()).append(nl);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "PropagationReport(" + layers.size() + " layers, " + verdict() + ")";
    }
}
