package org.dl4jinit.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.dl4jinit.health.ActivationFamily;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.HealthSubscriber;
import org.dl4jinit.health.LayerInfo;

/**
 * Records every report as a {@link HealthRecord} in a StatsStorage (or a remote UI router), after one
 * {@link HealthStaticInfo} per session, worker and model: what the Gradient Health page shows.
 *
 * <pre>{@code
 * StatsStorage storage = new InMemoryStatsStorage();
 * net.setListeners(new GradientHealthListener(HealthConfig.builder()
 *         .subscribe(HealthRecorder.to(storage)).build()));
 * UIServer.getInstance().attach(storage);
 * }</pre>
 *
 * <p>{@link #toListenerRouter()} writes to the router DL4J gives the listener instead (its
 * {@code RoutingIterationListener} protocol: ParallelWrapper's and Spark training's workers set one per worker
 * clone). A recorder may serve several listener clones at once (it is thread-safe); its router is not
 * serialized.
 */
public final class HealthRecorder implements HealthSubscriber {

    private static final long serialVersionUID = 1L;
    /** Stands for a model without layers in {@link #described}. */
    private static final LayerInfo NO_LAYERS = new LayerInfo(0, "-", "-", "none", ActivationFamily.NONE, "none",
            false, true, false);

    private final transient StatsStorageRouter router;
    /** Per (session, worker), the first layer descriptor of the model last described (compared by identity). */
    private final transient Map<String, LayerInfo> described = new ConcurrentHashMap<>();

    private HealthRecorder(StatsStorageRouter router) {
        this.router = router;
    }

    /**
     * @param router the storage or router to write to, not null
     * @return a recorder writing there
     */
    public static HealthRecorder to(StatsStorageRouter router) {
        if (router == null) {
            throw new IllegalArgumentException("router must not be null");
        }
        return new HealthRecorder(router);
    }

    /** @return a recorder writing to the router the listener is given ({@code setStorageRouter}), if any */
    public static HealthRecorder toListenerRouter() {
        return new HealthRecorder(null);
    }

    @Override
    public void onReport(HealthReport report, Context context) {
        StatsStorageRouter r = router != null ? router : context.router();
        if (r == null) {
            return;
        }
        LayerInfo model = report.layers().isEmpty() ? NO_LAYERS : report.layers().get(0).layer();
        if (described.put(report.sessionId() + '\u0000' + report.workerId(), model) != model) {
            // a new (session, worker), or another model under it: describe the model before its records
            r.putStaticInfo(HealthStaticInfo.of(report));
        }
        r.putUpdate(HealthRecord.of(report));
    }

    /**
     * A deserialized recorder (a listener shipped to a Spark executor) writes to the listener's router and
     * describes every model afresh there.
     */
    private Object readResolve() {
        return new HealthRecorder(null);
    }

    @Override
    public String toString() {
        return "HealthRecorder(" + (router == null ? "the listener's router" : router) + ")";
    }
}
