package org.dl4jinit.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-run, mutable side of a listener: the figures being assembled for the current iteration (one
 * preallocated {@code double[layers][figures]}, reused), and the consecutive-failure streaks. Reads arrays
 * only inside the callbacks and keeps nothing from ND4J. Not thread-safe: one model, one thread (ParallelWrapper
 * clones the listener per worker).
 */
final class HealthState {

    /** Relative drift of the parameter norm (accumulated update norms) that triggers an exact recomputation. */
    static final double PARAM_NORM_DRIFT = 0.01;
    /** Checked iterations after which the parameter norm is recomputed whatever the drift. */
    static final int PARAM_NORM_REFRESH = 16;

    private final HealthConfig config;
    private final LayerReducer reducer = new LayerReducer();
    private ModelLayout layout;
    private double[][] figures;
    private double[] paramNorm;
    private double[] drift;
    private int[] sinceRefresh;
    private int[][] streaks;
    private boolean checking;
    private int iteration = -1;
    private double referenceStd;
    private double score;
    /** Layers whose activations of the current iteration were modified in place by a successor's dropout. */
    private boolean[] modifiedOnce;
    private long lastTimestamp;

    HealthState(HealthConfig config) {
        this.config = config;
    }

    ModelLayout layout(Model model) {
        if (layout == null || !layout.isFor(model)) {
            layout = ModelLayout.of(model);
            modifiedOnce = layout.stopInPlaceDropout();
            int n = layout.layers().size();
            figures = new double[n][Figure.count()];
            paramNorm = new double[n];
            drift = new double[n];
            sinceRefresh = new int[n];
            streaks = new int[n + 1][HealthCondition.values().length];
        }
        return layout;
    }

    /**
     * Builds the layout before any forward pass (the pre-flight check), so that no activation of the coming
     * pass is modified in place by dropout.
     */
    void prepare(Model model) {
        layout(model);
        modifiedOnce = null;
    }

    /** @return the layers of the current model in depth order */
    List<LayerInfo> layers() {
        return layout.layers();
    }

    /** @return the current model's class name */
    String modelClass() {
        return layout.modelClass();
    }

    boolean checking() {
        return checking;
    }

    /** Starts an iteration at the forward pass; returns whether it is checked. */
    boolean begin(Model model) {
        ModelLayout l = layout(model);
        iteration = l.iteration();
        checking = iteration % config.frequency() == 0;
        if (checking) {
            for (double[] f : figures) {
                Arrays.fill(f, Double.NaN);
            }
            referenceStd = Double.NaN;
            score = Double.NaN;
        }
        return checking;
    }

    /** Forward pass of a MultiLayerNetwork: [input, out(0), ..., out(n-2)]. */
    void activations(List<INDArray> acts) {
        referenceStd = reducer.std(acts.get(0));
        double margin = config.thresholds().saturationMargin();
        for (LayerInfo info : layout.layers()) {
            int slot = info.activationSlot();
            if (slot > 0 && slot < acts.size() && !modified(info)) {
                reducer.activations(acts.get(slot), info, margin, figures[info.index()]);
            }
        }
    }

    /** Forward pass of a ComputationGraph: vertex name → output. */
    void activations(Map<String, INDArray> acts) {
        INDArray input = acts.get(layout.inputName());
        referenceStd = input == null ? Double.NaN : reducer.std(input);
        double margin = config.thresholds().saturationMargin();
        for (LayerInfo info : layout.layers()) {
            INDArray a = info.activationSlot() < 0 || modified(info) ? null : acts.get(info.name());
            if (a != null) {
                reducer.activations(a, info, margin, figures[info.index()]);
            }
        }
    }

    private boolean modified(LayerInfo info) {
        return modifiedOnce != null && modifiedOnce[info.index()];
    }

    /** Raw gradients (before the updater) and the score. */
    void gradients(Model model) {
        score = model.score();
        Map<String, INDArray> grads = gradientMap(model);
        for (LayerInfo info : layout.layers()) {
            if (!info.hasWeights() || grads == null) {
                continue;
            }
            double sumSq = 0;
            long count = 0;
            for (String key : info.gradientKeys()) {
                INDArray g = grads.get(key);
                if (g != null) {
                    sumSq += LayerReducer.squaredNorm(g);
                    count += g.length();
                }
            }
            if (count > 0) {
                double[] f = figures[info.index()];
                f[Figure.GRADIENT_NORM.ordinal()] = Math.sqrt(sumSq);
                f[Figure.GRADIENT_RMS.ordinal()] = Math.sqrt(sumSq / count);
                // NaN only from NaN/Inf values: a finite sum of squares beyond the double range is +Inf
                f[Figure.NON_FINITE_GRADIENTS.ordinal()] = Double.isNaN(sumSq) ? 1 : 0;
            }
        }
    }

    /**
     * The applied update (model.gradient() at iterationDone) against the parameters after the step.
     *
     * <p>The parameter norm is not re-read every iteration: by the triangle inequality it moves by at most the
     * norm of each update, so it is recomputed exactly only when the update norms accumulated since the last
     * exact value exceed {@link #PARAM_NORM_DRIFT} of it (then the reported ratio is within 1% of the exact one),
     * and at least every {@link #PARAM_NORM_REFRESH} checked iterations. At the healthy ratio of 1e-3 that saves
     * one full pass over the weights per iteration; with large updates it is recomputed every iteration.
     */
    void updates(Model model) {
        Map<String, INDArray> updates = gradientMap(model);
        for (LayerInfo info : layout.layers()) {
            if (!info.hasWeights() || !info.trainable() || updates == null) {
                continue;
            }
            int l = info.index();
            double update = 0;
            String[] keys = info.gradientKeys();
            boolean found = false;
            for (String key : keys) {
                INDArray u = updates.get(key);
                if (u != null) {
                    update += LayerReducer.squaredNorm(u);
                    found = true;
                }
            }
            if (!found) {
                continue;
            }
            double updateNorm = Math.sqrt(update);
            drift[l] += updateNorm;
            sinceRefresh[l]++;
            if (!(paramNorm[l] > 0) || !(drift[l] <= PARAM_NORM_DRIFT * paramNorm[l])
                    || sinceRefresh[l] >= PARAM_NORM_REFRESH) {
                double param = 0;
                for (int k = 0; k < keys.length; k++) {
                    INDArray p = layout.param(info, k);
                    if (p != null) {
                        param += LayerReducer.squaredNorm(p);
                    }
                }
                paramNorm[l] = Math.sqrt(param);
                drift[l] = 0;
                sinceRefresh[l] = 0;
            }
            double[] f = figures[l];
            f[Figure.UPDATE_NORM.ordinal()] = updateNorm;
            f[Figure.PARAM_NORM.ordinal()] = paramNorm[l];
            f[Figure.UPDATE_RATIO.ordinal()] = paramNorm[l] > 0 ? updateNorm / paramNorm[l] : Double.NaN;
        }
    }

    private static Map<String, INDArray> gradientMap(Model model) {
        Gradient g = model.gradient();
        return g == null ? null : g.gradientForVariable();
    }

    /**
     * Derives the depth ratios, evaluates the rules, applies warm-up and the consecutive-failure rule, and
     * builds the report.
     */
    HealthReport finish(String sessionId, String workerId, int epoch) {
        List<LayerInfo> layers = layout.layers();
        modifiedOnce = null;
        depthRatios(layers);
        List<List<Violation>> perLayer = new ArrayList<>(layers.size());
        List<Violation> modelLevel = HealthRules.evaluate(layers, figures, score, config.thresholds(), perLayer);
        boolean warm = iteration >= config.warmup();
        List<LayerHealth> health = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            health.add(new LayerHealth(layers.get(i), figures[i], persist(i, perLayer.get(i), warm)));
        }
        List<Violation> model = persist(layers.size(), modelLevel, warm);
        long now = config.clock().getAsLong();
        // DL4J's storages key records by millisecond timestamp: never reuse one
        lastTimestamp = Math.max(now, lastTimestamp + 1);
        return new HealthReport(sessionId, workerId, lastTimestamp, iteration, epoch, score, health, model);
    }

    private void depthRatios(List<LayerInfo> layers) {
        double reference = referenceStd;
        LayerInfo first = null;
        for (LayerInfo info : layers) {
            if (!Double.isNaN(figures[info.index()][Figure.ACTIVATION_STD.ordinal()])) {
                first = info;
                break;
            }
        }
        if (first != null && (first.embedding() || !(reference > 0) || !Double.isFinite(reference))) {
            reference = figures[first.index()][Figure.ACTIVATION_STD.ordinal()];
        }
        double topRms = Double.NaN;
        for (int i = layers.size() - 1; i >= 0 && Double.isNaN(topRms); i--) {
            LayerInfo info = layers.get(i);
            double rms = figures[i][Figure.GRADIENT_RMS.ordinal()];
            if (info.trainable() && info.hasWeights() && rms > 0 && Double.isFinite(rms)) {
                topRms = rms;
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            double[] f = figures[i];
            double std = f[Figure.ACTIVATION_STD.ordinal()];
            f[Figure.SCALE_RATIO.ordinal()] = reference > 0 && Double.isFinite(reference) ? std / reference
                    : Double.NaN;
            f[Figure.GRADIENT_RATIO.ordinal()] = layers.get(i).trainable() ? f[Figure.GRADIENT_RMS.ordinal()] / topRms
                    : Double.NaN;
        }
    }

    /** Applies warm-up and the "failAfter consecutive iterations" rule to one layer's raw findings. */
    private List<Violation> persist(int slot, List<Violation> raw, boolean warm) {
        int[] streak = streaks[slot];
        boolean[] seen = new boolean[streak.length];
        List<Violation> out = new ArrayList<>(raw.size());
        for (Violation v : raw) {
            int c = v.condition().ordinal();
            if (v.verdict() == Verdict.FAILING && !seen[c]) {
                streak[c]++;
            }
            seen[c] = seen[c] || v.verdict() == Verdict.FAILING;
            if (v.condition() == HealthCondition.NON_FINITE) {
                out.add(v);
            } else if (warm) {
                out.add(v.verdict() == Verdict.FAILING && streak[c] < config.failAfter()
                        ? v.withVerdict(Verdict.WARNING) : v);
            }
        }
        for (int c = 0; c < streak.length; c++) {
            if (!seen[c]) {
                streak[c] = 0;
            }
        }
        return out;
    }

}
