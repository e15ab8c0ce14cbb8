package org.dl4jinit.health;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.listener.RoutingIterationListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, every iteration and per layer, whether training can work: (1) activations are not saturated,
 * (2) activations are not zero — the two necessary conditions of a good initialization — and the health of
 * the gradients (vanishing/exploding across depth, all-zero, update:parameter ratio, NaN/Inf). Each checked
 * iteration becomes a {@link HealthReport}, published to the configured {@link HealthSubscriber}s and then to
 * the policies: LOG, CALLBACK, THROW.
 *
 * <pre>{@code
 * net.setListeners(new GradientHealthListener());                // log findings via SLF4J
 * net.setListeners(new GradientHealthListener(HealthConfig.builder()
 *         .onFailing(HealthPolicy.LOG, HealthPolicy.THROW)        // stop fit() on a FAILING iteration
 *         .subscribe(HealthRecorder.to(statsStorage))             // records for the UI (dl4j-init storage)
 *         .build()));
 * }</pre>
 *
 * <p>How it measures (DL4J 1.0.0-M2.1 calls, per iteration, onForwardPass → onBackwardPass →
 * onGradientCalculation → iterationDone): activations from {@code onForwardPass} (input and hidden layers;
 * the output layer is judged on its gradients only), raw weight gradients (before the updater) and the score
 * from {@code onGradientCalculation}, the applied update and the new parameters at {@code iterationDone}. Each
 * array is reduced to a few scalars inside the callback (one Java pass over each activation array, BLAS dot
 * products over gradients and updates, see {@code LayerReducer}); no reference to a workspace array is kept;
 * allocation per iteration is O(layers).
 *
 * <p><b>Logging.</b> Under LOG, a (layer, condition) finding is logged when it appears or gets worse (WARN) and
 * when it goes away (INFO); findings leave only after their figure recovers by a margin
 * ({@link HealthThresholds}), and while findings persist one summary line at most every
 * {@link HealthConfig#summaryEvery()} checked iterations. A finding follows the policy of its own verdict: with
 * {@code onWarning()} (no policy) no WARNING finding is logged, even in an iteration that is FAILING overall.
 *
 * <p><b>Exceptions from {@code fit()}.</b> Under THROW a FAILING iteration ends {@code fit()} with an
 * {@link UnhealthyTrainingException} naming the headline finding. A subscriber or callback that throws does not
 * hide that finding: every subscriber runs, then the UnhealthyTrainingException is thrown with the subscriber's
 * exception attached as suppressed; without THROW, {@code fit()} sees a {@link HealthSubscriberException} naming
 * the iteration and the headline finding, caused by the subscriber's exception.
 *
 * <p><b>One model per id.</b> A listener keeps separate state for every model it is attached to: a dead network B
 * trained alternately with a healthy network A is judged (and stopped) on its own. The first model's reports
 * carry the listener's worker id; each further model gets the id with "-model2", "-model3", ... appended, and so
 * does a model whose (session, worker) id another model in this JVM already uses while that model is still
 * referenced (a listener clone that was not given its own worker id) — so records never overwrite each other and
 * each (session, worker) has the static info of its own network. A model's ids are fixed at its first checked
 * iteration. Give each listener clone its own worker id ({@link #setWorkerID}) to choose the ids yourself.
 *
 * <p>Thread safety: a model is checked on the thread that trains it. It is a {@link RoutingIterationListener},
 * so ParallelWrapper (and DL4J's Spark training) give each worker a {@link #clone()} with the same session id and
 * its own worker id; {@link #lastReport()} and {@link #history()} may be read from any thread.
 */
public final class GradientHealthListener extends BaseTrainingListener implements RoutingIterationListener {

    private static final long serialVersionUID = 2L;
    private static final Logger log = LoggerFactory.getLogger(GradientHealthListener.class);

    private final HealthConfig config;
    private transient StatsStorageRouter router;
    private String sessionId;
    private String workerId;

    private transient volatile HealthReport last;
    private transient volatile WeakReference<Model> lastModel;
    private transient volatile ArrayDeque<HealthReport> history;
    private transient List<Run> runs;
    private transient Run current;
    private transient int modelsSeen;

    /** Checks every iteration with the default thresholds and logs findings through SLF4J. */
    public GradientHealthListener() {
        this(HealthConfig.builder().build());
    }

    /**
     * @param config the configuration
     */
    public GradientHealthListener(HealthConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        this.sessionId = UUID.randomUUID().toString();
        this.workerId = "0";
    }

    /** @return the configuration */
    public HealthConfig config() {
        return config;
    }

    // --- DL4J callbacks ---------------------------------------------------------------------------------------

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        HealthState s = run(model).state;
        if (s.begin(model)) {
            s.activations(activations);
        }
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        HealthState s = run(model).state;
        if (s.begin(model)) {
            s.activations(activations);
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        HealthState s = run(model).state;
        if (s.checking()) {
            s.gradients(model);
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        Run r = run(model);
        if (!r.state.checking()) {
            return;
        }
        r.state.updates(model);
        HealthReport report = r.state.finish(model, sessionId, r.workerId, epoch);
        lastModel = r.model;
        publish(report, r);
    }

    // --- results -----------------------------------------------------------------------------------------------

    /** @return the report of the last checked iteration (of any model it checks), or null before the first */
    public HealthReport lastReport() {
        return last;
    }

    /** @return the recent reports, oldest first (at most {@link HealthConfig#historySize()}) */
    public List<HealthReport> history() {
        ArrayDeque<HealthReport> h = historyDeque();
        synchronized (h) {
            return List.copyOf(h);
        }
    }

    /** @return the model of the last report, while it is alive */
    Model lastModel() {
        WeakReference<Model> m = lastModel;
        return m == null ? null : m.get();
    }

    /** Runs a report through the subscribers and the policies. */
    private void publish(HealthReport report, Run run) {
        last = report;
        ArrayDeque<HealthReport> h = historyDeque();
        synchronized (h) {
            if (h.size() == config.historySize()) {
                h.removeFirst();
            }
            h.addLast(report);
        }
        UnhealthyTrainingException stop = null;
        List<RuntimeException> failures = new ArrayList<>(0);
        HealthSubscriber.Context context = this::getStorageRouter;
        for (HealthSubscriber s : config.subscribers()) {
            try {
                s.onReport(report, context);
            } catch (UnhealthyTrainingException e) {
                if (stop == null) {
                    stop = e;
                } else {
                    failures.add(e);
                }
            } catch (RuntimeException e) {
                failures.add(new HealthSubscriberException(s.getClass().getName(), report, e));
            }
        }
        run.log(report, config);
        Set<HealthPolicy> policies = report.verdict() == Verdict.FAILING ? config.onFailing()
                : report.verdict() == Verdict.WARNING ? config.onWarning() : Set.of();
        if (policies.contains(HealthPolicy.CALLBACK)) {
            try {
                config.callback().onReport(report);
            } catch (RuntimeException e) {
                failures.add(new HealthSubscriberException("HealthCallback", report, e));
            }
        }
        if (stop == null && policies.contains(HealthPolicy.THROW)) {
            stop = new UnhealthyTrainingException(report);
        }
        if (stop != null) {
            for (RuntimeException f : failures) {
                stop.addSuppressed(f);
            }
            throw stop;
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            for (RuntimeException f : failures.subList(1, failures.size())) {
                first.addSuppressed(f);
            }
            throw first;
        }
    }

    // --- per-model state ----------------------------------------------------------------------------------------

    /** The state of one model, found by identity; a new model gets its own (see the class comment on ids). */
    private Run run(Model model) {
        Run c = current;
        if (c != null && c.model.get() == model) {
            return c;
        }
        synchronized (this) {
            if (runs == null) {
                runs = new ArrayList<>(1);
            }
            for (Iterator<Run> it = runs.iterator(); it.hasNext(); ) {
                Run r = it.next();
                Model m = r.model.get();
                if (m == null) {
                    it.remove();
                } else if (m == model) {
                    current = r;
                    return r;
                }
            }
            modelsSeen++;
            Run r = new Run(model, new HealthState(config));
            String wanted = modelsSeen == 1 ? workerId : workerId + "-model" + modelsSeen;
            r.workerId = Claims.claim(sessionId, wanted, model);
            if (!r.workerId.equals(workerId)) {
                log.warn("GradientHealthListener session {}: {} is checked under worker id \"{}\" because worker "
                        + "\"{}\" already checks another model; give each model its own listener "
                        + "(listener.clone() with setWorkerID) to choose the ids", sessionId,
                        model.getClass().getSimpleName(), r.workerId, workerId);
            }
            runs.add(r);
            current = r;
            return r;
        }
    }

    /** One model's state, its worker id and what its log lines have said. */
    private static final class Run {
        final WeakReference<Model> model;
        final HealthState state;
        String workerId;
        /** The checked iteration since which findings have been active, or −1. */
        int activeSince = -1;
        int lastSummary = -1;

        Run(Model model, HealthState state) {
            this.model = new WeakReference<>(model);
            this.state = state;
        }

        /**
         * LOG: the (layer, condition) findings that appeared or got worse, and those that went away, each under
         * its own verdict's policy — at most one WARN line (the headline among the new findings, and how many
         * more) and one INFO line per iteration, every transition in full at DEBUG — and a periodic summary
         * while findings persist.
         */
        void log(HealthReport report, HealthConfig config) {
            boolean warnings = config.onWarning().contains(HealthPolicy.LOG);
            boolean failings = config.onFailing().contains(HealthPolicy.LOG);
            if (!warnings && !failings) {
                return;
            }
            String prefix = report.workerId().equals("0") ? "" : "[worker " + report.workerId() + "] ";
            List<Violation> worse = new ArrayList<>(0);
            List<Transition> recovered = new ArrayList<>(0);
            for (Transition t : report.transitions()) {
                boolean logged = (t.worsened() ? t.to() : t.from()) == Verdict.FAILING ? failings : warnings;
                if (!logged) {
                    continue;
                }
                if (t.worsened()) {
                    worse.add(t.violation());
                } else if (t.recovered()) {
                    recovered.add(t);
                }
                if (log.isDebugEnabled()) {
                    log.debug("{}iteration {}: {} -> {}: {}", prefix, report.iteration(), t.from(), t.to(),
                            t.violation().message());
                }
            }
            if (!worse.isEmpty()) {
                Violation headline = report.headline().orElse(null);
                Violation first = worse.contains(headline) ? headline : Diagnoser.headline(worse);
                log.warn("{}iteration {}: {}{}", prefix, report.iteration(), first.message(),
                        worse.size() == 1 ? "" : " (+" + (worse.size() - 1) + " more new: " + brief(worse, first)
                                + ")");
            }
            if (!recovered.isEmpty()) {
                if (report.isHealthy()) {
                    log.info("{}iteration {}: gradient health is back to HEALTHY", prefix, report.iteration());
                } else {
                    List<Violation> gone = new ArrayList<>(recovered.size());
                    for (Transition t : recovered) {
                        gone.add(t.violation());
                    }
                    log.info("{}iteration {}: back to HEALTHY: {}", prefix, report.iteration(), brief(gone, null));
                }
            }
            summary(report, config, prefix, warnings, failings);
        }

        /** One summary line at most every {@link HealthConfig#summaryEvery()} checked iterations. */
        private void summary(HealthReport report, HealthConfig config, String prefix, boolean warnings,
                boolean failings) {
            boolean active = report.violations().stream()
                    .anyMatch(v -> v.verdict() == Verdict.FAILING ? failings : warnings);
            if (!active) {
                activeSince = -1;
                return;
            }
            if (activeSince < 0) {
                activeSince = report.iteration();
                lastSummary = report.iteration();
            } else if (config.summaryEvery() > 0 && report.iteration() - lastSummary >= config.summaryEvery()) {
                lastSummary = report.iteration();
                log.info("{}iteration {}: {} finding(s) persist since iteration {} (verdict {}); headline: {}",
                        prefix, report.iteration(), report.violations().size(), activeSince, report.verdict(),
                        report.headline().map(Violation::finding).orElse("-"));
            }
        }

        /** "layer 1 (DenseLayer, relu) condition 2 (no dead units), ..." for up to eight findings. */
        private static String brief(List<Violation> findings, Violation except) {
            StringBuilder sb = new StringBuilder();
            int shown = 0;
            for (Violation v : findings) {
                if (v == except) {
                    continue;
                }
                if (shown == 8) {
                    sb.append(", …");
                    break;
                }
                sb.append(shown++ == 0 ? "" : ", ").append(v.where()).append(' ').append(v.condition().title());
            }
            return sb.toString();
        }
    }

    /**
     * The (session, worker) ids of the models being checked in this JVM, so that two listeners that share a
     * session and worker id (a clone that was not given its own worker id) never write over each other's
     * records. A claim lasts as long as its model is referenced (it holds the model weakly).
     */
    private static final class Claims {
        private static final Map<String, WeakReference<Object>> CLAIMED = new HashMap<>();

        private Claims() {
        }

        /** @return {@code worker}, or {@code worker-modelK} (smallest free K &gt;= 2) if that id is taken */
        static synchronized String claim(String session, String worker, Object owner) {
            CLAIMED.values().removeIf(r -> r.get() == null);
            String id = worker;
            for (int k = 2; !free(session, id, owner); k++) {
                id = worker + "-model" + k;
            }
            CLAIMED.put(session + '\u0000' + id, new WeakReference<>(owner));
            return id;
        }

        private static boolean free(String session, String worker, Object owner) {
            WeakReference<Object> r = CLAIMED.get(session + '\u0000' + worker);
            Object holder = r == null ? null : r.get();
            return holder == null || holder == owner;
        }
    }

    // --- RoutingIterationListener ---------------------------------------------------------------------------

    @Override
    public void setStorageRouter(StatsStorageRouter router) {
        this.router = router;
    }

    @Override
    public StatsStorageRouter getStorageRouter() {
        return router;
    }

    /**
     * @param workerID the worker id of the reports of the next model this listener meets, not blank
     * @throws IllegalArgumentException for a null or blank id
     */
    @Override
    public void setWorkerID(String workerID) {
        this.workerId = requireId("workerID", workerID);
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    /**
     * @param sessionID the session id of the reports (default: a random UUID), not blank
     * @throws IllegalArgumentException for a null or blank id
     */
    @Override
    public void setSessionID(String sessionID) {
        this.sessionId = requireId("sessionID", sessionID);
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    private static String requireId(String name, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was " + (id == null ? "null"
                    : "\"" + id + "\""));
        }
        return id;
    }

    /** @return a listener with the same configuration, session, worker and router, and fresh per-run state */
    @Override
    public GradientHealthListener clone() {
        GradientHealthListener copy = new GradientHealthListener(config);
        copy.router = router;
        copy.sessionId = sessionId;
        copy.workerId = workerId;
        return copy;
    }

    private ArrayDeque<HealthReport> historyDeque() {
        ArrayDeque<HealthReport> h = history;
        if (h == null) {
            synchronized (this) {
                if (history == null) {
                    history = new ArrayDeque<>();
                }
                h = history;
            }
        }
        return h;
    }

    @Override
    public String toString() {
        return "GradientHealthListener(session=" + sessionId + ", worker=" + workerId + ", frequency="
                + config.frequency() + ")";
    }
}
