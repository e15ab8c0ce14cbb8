package org.dl4jinit.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.listener.RoutingIterationListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dl4jinit.storage.HealthRecord;
import org.dl4jinit.storage.HealthStaticInfo;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, every iteration and per layer, whether training can work: (1) activations are not saturated,
 * (2) activations are not zero — the two necessary conditions of a good initialization — and the health of
 * the gradients (vanishing/exploding across depth, all-zero, update:parameter ratio, NaN/Inf).
 *
 * <pre>{@code
 * net.setListeners(new GradientHealthListener());               // log findings via SLF4J
 * net.setListeners(GradientHealthListener.builder()
 *         .onFailing(HealthPolicy.LOG, HealthPolicy.THROW)       // stop fit() on failure
 *         .record(statsStorage)                                  // health records for the UI
 *         .build());
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
 * <p>Thread safety: one instance serves one model on one thread. It is a {@link RoutingIterationListener}, so
 * ParallelWrapper (and DL4J's Spark training) give each worker a {@link #clone()} with the same session id and
 * its own worker id; {@link #lastReport()} and {@link #history()} may be read from any thread.
 */
public final class GradientHealthListener extends BaseTrainingListener implements RoutingIterationListener {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(GradientHealthListener.class);

    private final HealthConfig config;
    private transient StatsStorageRouter router;
    private String sessionId;
    private String workerId;

    private transient HealthState state;
    private transient volatile HealthReport last;
    private transient ArrayDeque<HealthReport> history;
    private transient Map<String, Verdict> logged;
    private transient boolean staticInfoWritten;
    private transient volatile int failingStreak;

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
        this.router = config.router();
        this.sessionId = UUID.randomUUID().toString();
        this.workerId = "0";
    }

    /** @return a builder of listeners */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the configuration */
    public HealthConfig config() {
        return config;
    }

    // --- DL4J callbacks ---------------------------------------------------------------------------------------

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        HealthState s = state();
        if (s.begin(model)) {
            s.activations(activations);
        }
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        HealthState s = state();
        if (s.begin(model)) {
            s.activations(activations);
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        HealthState s = state();
        if (s.checking()) {
            s.gradients(model);
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        HealthState s = state();
        if (!s.checking()) {
            return;
        }
        s.updates(model);
        HealthReport report = s.finish(sessionId, workerId, epoch);
        publish(report, s);
    }

    // --- results -----------------------------------------------------------------------------------------------

    /** @return the report of the last checked iteration, or null before the first */
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

    /** @return how many consecutive checked iterations had a FAILING verdict, up to the last one */
    public int consecutiveFailingIterations() {
        return failingStreak;
    }

    /** Runs a report through the policies; package-private for {@link GradientHealth#check}. */
    void publish(HealthReport report, HealthState s) {
        last = report;
        ArrayDeque<HealthReport> h = historyDeque();
        synchronized (h) {
            if (h.size() == config.historySize()) {
                h.removeFirst();
            }
            h.addLast(report);
        }
        failingStreak = report.verdict() == Verdict.FAILING ? failingStreak + 1 : 0;
        StatsStorageRouter r = router;
        if (r != null) {
            if (!staticInfoWritten) {
                r.putStaticInfo(new HealthStaticInfo(sessionId, workerId, report.timestamp(), s.modelClass(),
                        s.layers()));
                staticInfoWritten = true;
            }
            r.putUpdate(HealthRecord.of(report));
        }
        Set<HealthPolicy> policies = report.verdict() == Verdict.FAILING ? config.onFailing()
                : report.verdict() == Verdict.WARNING ? config.onWarning() : Set.of();
        logTransitions(report, policies.contains(HealthPolicy.LOG),
                config.onWarning().contains(HealthPolicy.LOG) || config.onFailing().contains(HealthPolicy.LOG));
        if (policies.contains(HealthPolicy.CALLBACK)) {
            config.callback().onReport(report);
        }
        if (policies.contains(HealthPolicy.THROW)) {
            throw new UnhealthyTrainingException(report, firstWith(report, report.verdict()));
        }
    }

    private static Violation firstWith(HealthReport report, Verdict verdict) {
        for (Violation v : report.violations()) {
            if (v.verdict() == verdict) {
                return v;
            }
        }
        return report.violations().get(0);
    }

    /** Logs a finding when it first appears or gets worse, and once when all findings are gone. */
    private void logTransitions(HealthReport report, boolean logFindings, boolean logRecovery) {
        Map<String, Verdict> now = new HashMap<>();
        List<Violation> fresh = new ArrayList<>();
        for (Violation v : report.violations()) {
            String key = v.layer() + '|' + v.condition() + '|' + v.figure();
            now.merge(key, v.verdict(), Verdict::worst);
            Verdict before = loggedMap().get(key);
            if (before == null || before.ordinal() < v.verdict().ordinal()) {
                fresh.add(v);
            }
        }
        if (logFindings) {
            for (Violation v : fresh) {
                log.warn("iteration {}: {}", report.iteration(), v.message());
            }
        }
        if (logRecovery && now.isEmpty() && !loggedMap().isEmpty()) {
            log.info("iteration {}: gradient health is back to HEALTHY", report.iteration());
        }
        logged = now;
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

    @Override
    public void setWorkerID(String workerID) {
        this.workerId = workerID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public void setSessionID(String sessionID) {
        this.sessionId = sessionID;
    }

    @Override
    public String getSessionID() {
        return sessionId;
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

    // --- lazily created transient state ---------------------------------------------------------------------

    private HealthState state() {
        if (state == null) {
            state = new HealthState(config);
        }
        return state;
    }

    private ArrayDeque<HealthReport> historyDeque() {
        if (history == null) {
            history = new ArrayDeque<>();
        }
        return history;
    }

    private Map<String, Verdict> loggedMap() {
        if (logged == null) {
            logged = new HashMap<>();
        }
        return logged;
    }

    @Override
    public String toString() {
        return "GradientHealthListener(session=" + sessionId + ", worker=" + workerId + ", frequency="
                + config.frequency() + ")";
    }

    /** Builds a listener: {@link HealthConfig.Builder}'s options plus session and worker ids. */
    public static final class Builder {
        private final HealthConfig.Builder config = HealthConfig.builder();
        private String sessionId;
        private String workerId;

        private Builder() {
        }

        /** @see HealthConfig.Builder#frequency(int) */
        public Builder frequency(int everyNth) {
            config.frequency(everyNth);
            return this;
        }

        /** @see HealthConfig.Builder#warmup(int) */
        public Builder warmup(int iterations) {
            config.warmup(iterations);
            return this;
        }

        /** @see HealthConfig.Builder#failAfter(int) */
        public Builder failAfter(int consecutive) {
            config.failAfter(consecutive);
            return this;
        }

        /** @see HealthConfig.Builder#historySize(int) */
        public Builder historySize(int reports) {
            config.historySize(reports);
            return this;
        }

        /** @see HealthConfig.Builder#thresholds(HealthThresholds) */
        public Builder thresholds(HealthThresholds t) {
            config.thresholds(t);
            return this;
        }

        /** @see HealthConfig.Builder#onWarning(HealthPolicy...) */
        public Builder onWarning(HealthPolicy... policies) {
            config.onWarning(policies);
            return this;
        }

        /** @see HealthConfig.Builder#onFailing(HealthPolicy...) */
        public Builder onFailing(HealthPolicy... policies) {
            config.onFailing(policies);
            return this;
        }

        /** @see HealthConfig.Builder#callback(HealthCallback) */
        public Builder callback(HealthCallback c) {
            config.callback(c);
            return this;
        }

        /** @see HealthConfig.Builder#record(StatsStorageRouter) */
        public Builder record(StatsStorageRouter router) {
            config.record(router);
            return this;
        }

        /** @see HealthConfig.Builder#clock(HealthConfig.Clock) */
        public Builder clock(HealthConfig.Clock clock) {
            config.clock(clock);
            return this;
        }

        /**
         * @param id the session id of reports and records (default: a random UUID), not blank
         * @return this builder
         */
        public Builder sessionId(String id) {
            this.sessionId = requireId("sessionId", id);
            return this;
        }

        /**
         * @param id the worker id of reports and records (default "0"), not blank
         * @return this builder
         */
        public Builder workerId(String id) {
            this.workerId = requireId("workerId", id);
            return this;
        }

        /** @return the listener */
        public GradientHealthListener build() {
            GradientHealthListener l = new GradientHealthListener(config.build());
            if (sessionId != null) {
                l.sessionId = sessionId;
            }
            if (workerId != null) {
                l.workerId = workerId;
            }
            return l;
        }

        private static String requireId(String name, String id) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank, was " + (id == null ? "null"
                        : "\"" + id + "\""));
            }
            return id;
        }
    }
}
