package org.dl4jinit.lsuv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The result of one {@link Lsuv#apply} run: a {@link LayerResult} per layer (MultiLayerNetwork) or per
 * non-input vertex (ComputationGraph, in topological order), plus the settings used. Immutable.
 */
public final class LsuvReport implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<LayerResult> layers;
    private final double tolerance;
    private final int maxIterations;
    private final long examples;
    private final long nanos;

    LsuvReport(List<LayerResult> layers, double tolerance, int maxIterations, long examples, long nanos) {
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.examples = examples;
        this.nanos = nanos;
    }

    /** @return one result per layer, in forward order */
    public List<LayerResult> layers() {
        return layers;
    }

    /**
     * @param name a layer name as in {@link LayerResult#name()}
     * @return its result
     * @throws IllegalArgumentException if no layer has that name
     */
    public LayerResult layer(String name) {
        for (LayerResult r : layers) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no layer named '" + name + "' in the LSUV report; layers are "
                + layers.stream().map(LayerResult::name).reduce((a, b) -> a + ", " + b).orElse("(none)"));
    }

    /** @return the results of the layers whose weights LSUV processed (status CONVERGED or APPLIED) */
    public List<LayerResult> processed() {
        List<LayerResult> out = new ArrayList<>();
        for (LayerResult r : layers) {
            if (r.processed()) {
                out.add(r);
            }
        }
        return out;
    }

    /** @return the skipped layers, each with its reason */
    public List<LayerResult> skipped() {
        List<LayerResult> out = new ArrayList<>();
        for (LayerResult r : layers) {
            if (!r.processed()) {
                out.add(r);
            }
        }
        return out;
    }

    /** @return whether every processed layer converged (no layer ended as APPLIED) */
    public boolean converged() {
        for (LayerResult r : layers) {
            if (r.status() == LayerResult.Status.APPLIED) {
                return false;
            }
        }
        return true;
    }

    /** @return the tolerance used: a layer converged when |Var − 1| &lt; tolerance */
    public double tolerance() {
        return tolerance;
    }

    /** @return the maximum number of rescalings per layer */
    public int maxIterations() {
        return maxIterations;
    }

    /** @return the number of examples in the batch LSUV measured on */
    public long examples() {
        return examples;
    }

    /** @return the wall time of the run in nanoseconds, pre-initialization included */
    public long nanos() {
        return nanos;
    }

    /** @return a fixed-width table, one row per layer */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "LSUV: %d examples, tolerance %.3g, max %d iterations, %.1f ms%n",
                examples, tolerance, maxIterations, nanos / 1e6));
        sb.append(String.format(Locale.ROOT, "%-16s %-22s %-9s %5s %12s %12s  %s%n", "layer", "type",
                "status", "iters", "var before", "var after", "reason"));
        for (LayerResult r : layers) {
            sb.append(String.format(Locale.ROOT, "%-16s %-22s %-9s %5d %12.4g %12.4g  %s%n",
                    clip(r.name(), 16), clip(r.type(), 22), r.status(), r.iterations(), r.initialVariance(),
                    r.finalVariance(), r.reason()));
        }
        return sb.toString();
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    @Override
    public String toString() {
        return "LsuvReport(" + layers.size() + " layers, " + processed().size() + " processed, converged="
                + converged() + ")";
    }
}
