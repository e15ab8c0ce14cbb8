package org.dl4jinit.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-model, mutable side of a listener: the figures being assembled for the current iteration (one
 * preallocated {@code double[layers][figures]}, reused), the hysteresis state of every rule, the verdict and
 * diagnosis of every (layer, condition), the failing streak, and the few numbers the diagnosis looks back at.
 * Reads arrays only inside the callbacks and keeps nothing from ND4J. Not thread-safe: one model, one thread.
 *
 * <p>Per iteration it does O(layers) work besides the reductions of {@link LayerReducer}; it reads a model's
 * weights once, at its first check (their scale as initialized, and whether they are all equal), and the
 * {@link Diagnoser} reads a layer's parameters only in an iteration where a finding of that layer appears.
 */
final class HealthState {

    /** Relative drift of the parameter norm (accumulated update norms) that triggers an exact recomputation. */
    static final double PARAM_NORM_DRIFT = 0.01;
    /** Checked iterations after which the parameter norm is recomputed whatever the drift. */
    static final int PARAM_NORM_REFRESH = 16;
    /** Checked iterations of update:parameter ratios the diagnosis looks back at. */
    static final int UPDATE_HISTORY = 8;

    private static final int CONDITIONS = HealthCondition.values().length;

    private final HealthConfig config;
    private final LayerReducer reducer = new LayerReducer();
    private ModelLayout layout;
    private double[][] figures;
    private double[] paramNorm;
    private double[] drift;
    private int[] sinceRefresh;
    private Verdict[][] rules;
    private int[][] streaks;
    private Verdict[][] reported;
    private Violation[][] lastFinding;
    private Diagnosis[][] diagnoses;
    private double[] symmetric;
    private Diagnoser.LayerState diagnosis;
    private double[][] updateHistory;
    private int[] updateIterations;
    private int updateCursor;
    private boolean checking;
    private int iteration = -1;
    /** Per network input: its std and its values per example in the current iteration (NaN if not seen). */
    private double[] inputStd;
    private double[] inputWidth;
    /** Per layer: its values per example in the current iteration (NaN if not measured). */
    private double[] width;
    /** Per layer: the pooled std of the network inputs it derives from (for the diagnosis). */
    private double[] sourceStd;
    private double score;
    private int failingStreak;
    /** Layers whose activations of the current iteration were modified in place by a successor's dropout. */
    private boolean[] modifiedOnce;
    private long lastTimestamp;
    private final Verdict[] conditionScratch = new Verdict[CONDITIONS];
    /** The model and the diagnoser of the report being made (set in {@link #finish} only). */
    private Model model;
    private Diagnoser diagnoser;

    HealthState(HealthConfig config) {
        this.config = config;
    }

    ModelLayout layout(Model model) {
        if (layout == null || !layout.isFor(model)) {
            layout = ModelLayout.of(model);
            modifiedOnce = layout.stopInPlaceDropout(model);
            int n = layout.layers().size();
            figures = new double[n][Figure.count()];
            inputStd = new double[layout.inputCount()];
            inputWidth = new double[layout.inputCount()];
            width = new double[n];
            sourceStd = new double[n];
            paramNorm = new double[n];
            drift = new double[n];
            sinceRefresh = new int[n];
            rules = new Verdict[n][HealthRules.Rule.count()];
            for (Verdict[] r : rules) {
                Arrays.fill(r, Verdict.HEALTHY);
            }
            streaks = new int[n + 1][CONDITIONS];
            reported = new Verdict[n + 1][CONDITIONS];
            for (Verdict[] r : reported) {
                Arrays.fill(r, Verdict.HEALTHY);
            }
            lastFinding = new Violation[n + 1][CONDITIONS];
            diagnoses = new Diagnosis[n + 1][CONDITIONS];
            updateHistory = new double[UPDATE_HISTORY][n];
            for (double[] h : updateHistory) {
                Arrays.fill(h, Double.NaN);
            }
            updateIterations = new int[UPDATE_HISTORY];
            diagnosis = Diagnoser.LayerState.initial(layout, model);
            symmetric = symmetricUnits(layout, diagnosis.constant);
            failingStreak = 0;
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

    boolean checking() {
        return checking;
    }

    /** Starts an iteration at the forward pass; returns whether it is checked. */
    boolean begin(Model model) {
        ModelLayout l = layout(model);
        iteration = ModelLayout.iteration(model);
        checking = iteration % config.frequency() == 0;
        if (checking) {
            for (double[] f : figures) {
                Arrays.fill(f, Double.NaN);
            }
            Arrays.fill(inputStd, Double.NaN);
            Arrays.fill(inputWidth, Double.NaN);
            Arrays.fill(width, Double.NaN);
            score = Double.NaN;
        }
        return checking && l != null;
    }

    /** Forward pass of a MultiLayerNetwork: [input, out(0), ..., out(n-2)]. */
    void activations(List<INDArray> acts) {
        boolean perUnit = input(0, acts.get(0));
        for (LayerInfo info : layout.layers()) {
            int slot = info.activationSlot();
            if (slot > 0 && slot < acts.size() && !modified(info)) {
                reduce(acts.get(slot), info, perUnit);
            }
        }
    }

    /** Forward pass of a ComputationGraph: vertex name → output (the inputs included). */
    void activations(Map<String, INDArray> acts) {
        boolean perUnit = true;
        for (int k = 0; k < layout.inputCount(); k++) {
            INDArray input = acts.get(layout.inputName(k));
            perUnit &= input == null || input(k, input);
        }
        for (LayerInfo info : layout.layers()) {
            INDArray a = info.activationSlot() < 0 || modified(info) ? null : acts.get(info.name());
            if (a != null) {
                reduce(a, info, perUnit);
            }
        }
    }

    /**
     * Measures network input {@code k}.
     *
     * @return whether its batch is large enough for the per-unit figures ({@link HealthThresholds#minimumBatch()})
     */
    private boolean input(int k, INDArray input) {
        inputStd[k] = reducer.std(input);
        inputWidth[k] = perExample(input);
        return input.rank() == 0 || HealthRules.perUnit(input.size(0), config.thresholds());
    }

    private void reduce(INDArray a, LayerInfo info, boolean perUnit) {
        reducer.activations(a, info, config.thresholds().saturationMargin(), perUnit, figures[info.index()]);
        width[info.index()] = perExample(a);
    }

    private static double perExample(INDArray a) {
        return a.rank() == 0 || a.size(0) == 0 ? Double.NaN : (double) a.length() / a.size(0);
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
                    INDArray p = ModelLayout.param(model, info, k);
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
     * Derives the depth ratios, evaluates the rules, applies warm-up and the consecutive-failure rule,
     * diagnoses new findings, picks the headline and builds the report.
     *
     * @param model     the model the figures were measured on (the diagnosis may read its parameters)
     * @param sessionId the report's session id
     * @param workerId  the report's worker id
     * @param epoch     the model's epoch count
     * @return the report
     */
    HealthReport finish(Model model, String sessionId, String workerId, int epoch) {
        List<LayerInfo> layers = layout.layers();
        int n = layers.size();
        modifiedOnce = null;
        HealthRules.depthRatios(layout, figures, inputStd, inputWidth, width, sourceStd);
        for (int i = 0; i < n; i++) {
            figures[i][Figure.SYMMETRIC_UNITS.ordinal()] = symmetric[i];
        }
        boolean warm = iteration >= config.warmup();
        HealthRules.Divergence divergence = HealthRules.divergence(layers, figures, score);
        List<List<Violation>> perLayer = new ArrayList<>(n);
        boolean[] measured = new boolean[n];
        for (int i = 0; i < n; i++) {
            LayerInfo info = layers.get(i);
            if (divergence.layersDiverged) {
                // with NaN/Inf every other figure is meaningless: report only where it started
                measured[i] = i == divergence.layer;
                perLayer.add(i == divergence.layer ? List.of(divergence.violation) : List.of());
                Arrays.fill(rules[i], Verdict.HEALTHY);
            } else {
                measured[i] = true;
                List<Violation> raw = HealthRules.evaluate(info, figures[i], config.thresholds(), rules[i]);
                perLayer.add(persist(i, raw, warm));
            }
        }
        List<Violation> modelLevel = divergence.layer < 0 && divergence.violation != null
                ? List.of(divergence.violation) : List.of();
        diagnoser = null;
        this.model = model;
        List<Transition> transitions = new ArrayList<>(0);
        List<LayerHealth> health = new ArrayList<>(n);
        List<Violation> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Violation> diagnosed = measured[i] ? diagnose(i, perLayer.get(i), transitions) : List.of();
            all.addAll(diagnosed);
            health.add(new LayerHealth(layers.get(i), figures[i], measured[i], diagnosed));
        }
        List<Violation> model0 = diagnose(n, modelLevel, transitions);
        this.model = null;
        diagnoser = null;
        all.addAll(model0);
        Violation headline = Diagnoser.headline(all);
        boolean failing = all.stream().anyMatch(v -> v.verdict() == Verdict.FAILING);
        failingStreak = failing ? failingStreak + 1 : 0;
        rememberUpdates();
        long now = config.clock().getAsLong();
        // DL4J's storages key records by millisecond timestamp: never reuse one
        lastTimestamp = Math.max(now, lastTimestamp + 1);
        return new HealthReport(sessionId, workerId, lastTimestamp, iteration, epoch, score, layout.modelClass(),
                health, model0, failingStreak, headline, transitions);
    }

    /**
     * Diagnoses the findings of one slot (a layer, or {@code layers.size()} for the model): a (layer, condition)
     * whose verdict appears or gets worse is diagnosed afresh, one that persists keeps its diagnosis; records
     * the transitions.
     */
    private List<Violation> diagnose(int slot, List<Violation> found, List<Transition> out) {
        Verdict[] now = conditionScratch;
        Arrays.fill(now, Verdict.HEALTHY);
        for (Violation v : found) {
            int c = v.condition().ordinal();
            now[c] = now[c].worst(v.verdict());
        }
        List<Violation> diagnosed = found.isEmpty() ? List.of() : new ArrayList<>(found.size());
        for (Violation v : found) {
            int c = v.condition().ordinal();
            if (now[c].ordinal() > reported[slot][c].ordinal() || diagnoses[slot][c] == null) {
                diagnoses[slot][c] = diagnoser().diagnose(v);
            }
            diagnosed.add(v.withDiagnosis(diagnoses[slot][c]));
        }
        for (int c = 0; c < CONDITIONS; c++) {
            Verdict before = reported[slot][c];
            if (now[c] == before) {
                continue;
            }
            Violation worst = null;
            for (Violation v : diagnosed) {
                boolean worse = worst == null || v.verdict().ordinal() > worst.verdict().ordinal();
                if (v.condition().ordinal() == c && worse) {
                    worst = v;
                }
            }
            Violation shown = worst != null ? worst : lastFinding[slot][c];
            if (shown != null) {
                out.add(new Transition(HealthCondition.values()[c], before, now[c], shown));
            }
            reported[slot][c] = now[c];
            if (now[c] == Verdict.HEALTHY) {
                diagnoses[slot][c] = null;
                lastFinding[slot][c] = null;
            }
        }
        for (Violation v : diagnosed) {
            lastFinding[slot][v.condition().ordinal()] = v;
        }
        return diagnosed;
    }

    /** The diagnoser of the report being made, created when the first finding needs a diagnosis. */
    private Diagnoser diagnoser() {
        if (diagnoser == null) {
            diagnoser = new Diagnoser(layout, model, figures, config.thresholds(), sourceStd, diagnosis);
        }
        return diagnoser;
    }

    /** Keeps this iteration's update:parameter ratios for the diagnosis of later iterations. */
    private void rememberUpdates() {
        double[] row = updateHistory[updateCursor];
        for (int i = 0; i < row.length; i++) {
            row[i] = figures[i][Figure.UPDATE_RATIO.ordinal()];
        }
        updateIterations[updateCursor] = iteration;
        updateCursor = (updateCursor + 1) % UPDATE_HISTORY;
        double max = Double.NaN;
        int where = -1;
        int when = -1;
        for (int h = 0; h < UPDATE_HISTORY; h++) {
            for (int i = 0; i < row.length; i++) {
                double r = updateHistory[h][i];
                if (Double.isFinite(r) && !(r <= max)) {
                    max = r;
                    where = i;
                    when = updateIterations[h];
                }
            }
        }
        diagnosis.recentUpdateRatio = max;
        diagnosis.recentUpdateLayer = where;
        diagnosis.recentUpdateIteration = when;
    }

    /** Applies warm-up and the "failAfter consecutive iterations" rule to one layer's raw findings. */
    private List<Violation> persist(int slot, List<Violation> raw, boolean warm) {
        int[] streak = streaks[slot];
        boolean[] seen = new boolean[streak.length];
        List<Violation> out = raw.isEmpty() ? List.of() : new ArrayList<>(raw.size());
        for (Violation v : raw) {
            int c = v.condition().ordinal();
            if (v.verdict() == Verdict.FAILING && !seen[c]) {
                streak[c]++;
            }
            seen[c] = seen[c] || v.verdict() == Verdict.FAILING;
            if (warm) {
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

    /**
     * Per layer, 1 if its units are identical and provably stay identical, 0 if its weights were checked and
     * they do not (or may not), NaN without weights.
     *
     * <p>A layer whose weights mix its inputs into its units (dense, convolution, recurrent, embedding) and are
     * all equal, with equal biases, has identical units. They get identical gradients — and stay identical —
     * exactly when every layer reading their output weighs them identically: its weights are all equal too and
     * no dropout or weight noise treats them differently (weightless layers in between, such as activation,
     * pooling or batch-normalization layers, pass identical units on as identical). An output layer's units
     * get different errors from the labels, so its symmetry always breaks; so does a layer read by a graph
     * vertex (merge, elementwise, ...), which is not followed further.
     */
    static double[] symmetricUnits(ModelLayout layout, double[] constant) {
        List<LayerInfo> layers = layout.layers();
        double[] out = new double[layers.size()];
        Arrays.fill(out, Double.NaN);
        for (LayerInfo layer : layers) {
            if (!layer.hasWeights()) {
                continue;
            }
            Layer conf = layout.conf(layer);
            boolean mixing = (conf instanceof DenseLayer || conf instanceof ConvolutionLayer
                    && !(conf instanceof DepthwiseConvolution2D) && !(conf instanceof SeparableConvolution2D)
                    || conf instanceof BaseRecurrentLayer || conf instanceof EmbeddingLayer
                    || conf instanceof EmbeddingSequenceLayer) && !(conf instanceof BaseOutputLayer);
            long units = conf instanceof FeedForwardLayer ? ((FeedForwardLayer) conf).getNOut() : 0;
            boolean identical = mixing && units > 1 && !Double.isNaN(constant[layer.index()])
                    && !layout.stochastic(layer) && !layer.output();
            out[layer.index()] = identical && staysSymmetric(layout, layer, constant) ? 1 : 0;
        }
        return out;
    }

    private static boolean staysSymmetric(ModelLayout layout, LayerInfo layer, double[] constant) {
        int[] readers = layout.consumers(layer);
        if (readers.length == 0) {
            return false;
        }
        for (int r : readers) {
            LayerInfo reader = layout.layers().get(r);
            Layer conf = layout.conf(reader);
            if (conf == null || layout.stochastic(reader)) {
                return false;
            }
            if (reader.hasWeights()) {
                if (Double.isNaN(constant[r])) {
                    return false;
                }
            } else if (!staysSymmetric(layout, reader, constant)) {
                return false;
            }
        }
        return true;
    }
}
