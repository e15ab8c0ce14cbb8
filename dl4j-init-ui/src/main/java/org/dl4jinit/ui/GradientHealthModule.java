package org.dl4jinit.ui;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArraySet;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.storage.HealthRecord;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DL4J UI module for gradient-health records, loaded by the UI server through {@link java.util.ServiceLoader}
 * when it starts. It indexes the {@link HealthRecord}s of every attached {@link StatsStorage} — in-process,
 * a reopened {@code FileStatsStorage}, or the storage behind {@code enableRemoteListener()} — and serves
 *
 * <ul>
 *   <li>{@code GET /health}: the page (classpath {@value #PAGE_RESOURCE}; its script and style are served by
 *       DL4J's {@code /assets/} route from {@code deeplearning4jUiAssets/dl4jinit/}, uPlot from its webjar);</li>
 *   <li>{@code GET /health/sessions}: every session of every attached storage, whether it holds
 *       gradient-health records, and its indexed workers with their record counts and latest verdicts;</li>
 *   <li>{@code GET /health/data?session=S&worker=W&from=F&stride=K&segment=G}: layer table (latest verdict,
 *       headline finding and other findings, number of warning/failing iterations) and the charted figures
 *       downsampled into at most {@value Series#CAPACITY} min/mean/max buckets per layer, with the number of
 *       diverged (NaN/Inf) values per bucket; with {@code from}, {@code stride} and {@code segment} of what the
 *       page already holds only buckets from {@code from} on are sent (all of them if the stride or the segment
 *       changed, see {@link Series});</li>
 *   <li>{@code GET /health/depth?session=S&worker=W&iteration=I}: the depth profile (activation std and gradient
 *       norm per layer, with verdicts) of the last record at or before iteration I (the latest without I).</li>
 * </ul>
 *
 * <p>An unknown session or worker answers HTTP 200 with {@code {"found":false,"message":…}}, the message saying
 * what the storages hold instead (no such session, no gradient-health records in it, other workers); malformed
 * numbers answer 400 with {@code {"error":…}} naming parameter, value and rule; an unexpected exception answers 500
 * with {@code {"error":…}} naming the endpoint and the exception. Handlers run on Vert.x event-loop threads and
 * copy at most {@value Series#CAPACITY} buckets per layer under a per-series lock; records are indexed on the UI
 * server's event thread ({@link #reportStorageEvents}), so no request scans the stored records. The depth profile
 * of the latest record (what the page polls every second) comes from memory; only an earlier iteration is read
 * from the storage (a disk read for a {@code FileStatsStorage}), on a Vert.x worker thread, never on the event
 * loop.
 *
 * <p>The server may construct this class more than once (the service loader is iterated at every start); each
 * instance keeps its own index.
 */
public final class GradientHealthModule implements UIModule {

    /** Type ID of gradient-health records in a {@link StatsStorage}. */
    public static final String TYPE_ID = HealthRecord.TYPE_ID;

    /** Classpath resource served at {@code GET /health}. */
    public static final String PAGE_RESOURCE = "dl4jinit/health.html";

    private static final Logger log = LoggerFactory.getLogger(GradientHealthModule.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<StatsStorage> storages = new CopyOnWriteArraySet<>();
    private final HealthIndex index = new HealthIndex();
    private final byte[] page;

    /** Public no-arg constructor, as {@link java.util.ServiceLoader} requires. */
    public GradientHealthModule() {
        this.page = readResource(PAGE_RESOURCE);
    }

    @Override
    public List<String> getCallbackTypeIDs() {
        return Collections.singletonList(TYPE_ID);
    }

    @Override
    public List<Route> getRoutes() {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("/health", HttpMethod.GET, (params, rc) -> sendPage(rc)));
        routes.add(new Route("/health/sessions", HttpMethod.GET,
                (params, rc) -> guarded(rc, () -> sendJson(rc, 200, sessionsBody()))));
        routes.add(new Route("/health/data", HttpMethod.GET, (params, rc) -> guarded(rc, () -> sendData(rc))));
        routes.add(new Route("/health/depth", HttpMethod.GET, (params, rc) -> guarded(rc, () -> sendDepth(rc))));
        return routes;
    }

    /** Indexes new records and static info (called by the UI server's event thread about every 500 ms). */
    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
        index.onEvents(events);
    }

    @Override
    public void onAttach(StatsStorage statsStorage) {
        if (statsStorage != null) {
            storages.add(statsStorage);
            index.attach(statsStorage);
        }
    }

    @Override
    public void onDetach(StatsStorage statsStorage) {
        if (statsStorage != null) {
            storages.remove(statsStorage);
            index.detach(statsStorage);
        }
    }

    @Override
    public List<I18NResource> getInternationalizationResources() {
        return Collections.emptyList();
    }

    /**
     * The sessions of all attached storages, sorted by id, each with whether it holds {@value #TYPE_ID} records.
     *
     * @return an immutable snapshot: session id to whether it has gradient-health records
     */
    public Map<String, Boolean> sessions() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        Set<String> ids = new TreeSet<>();
        for (StatsStorage s : storages) {
            if (!s.isClosed()) {
                ids.addAll(s.listSessionIDs());
            }
        }
        for (String id : ids) {
            boolean health = false;
            for (StatsStorage s : storages) {
                if (!s.isClosed() && s.sessionExists(id) && s.listTypeIDsForSession(id).contains(TYPE_ID)) {
                    health = true;
                    break;
                }
            }
            out.put(id, health);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * @param session a session id
     * @param worker  a worker id, or null for the first
     * @return the number of indexed records of that session and worker, 0 if unknown
     */
    public int indexedRecords(String session, String worker) {
        Series s = index.find(session, worker);
        return s == null ? 0 : s.size();
    }

    /**
     * The sessions endpoint's body: per session whether it holds gradient-health records, the worst verdict of
     * its workers' latest records (null before the first), and per indexed worker its record count and latest
     * verdict — so the page can mark sessions with FAILING layers without asking for their data.
     */
    Map<String, Object> sessionsBody() {
        Map<String, List<Series>> indexed = index.sessions();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : sessions().entrySet()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sessionId", e.getKey());
            item.put("hasHealthRecords", e.getValue());
            Verdict worst = null;
            List<Map<String, Object>> workers = new ArrayList<>();
            for (Series s : indexed.getOrDefault(e.getKey(), List.of())) {
                HealthReport latest = s.latest();
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("workerId", s.workerId());
                w.put("records", s.size());
                w.put("verdict", latest == null ? null : latest.verdict().name());
                workers.add(w);
                if (latest != null) {
                    worst = worst == null ? latest.verdict() : worst.worst(latest.verdict());
                }
            }
            item.put("verdict", worst == null ? null : worst.name());
            item.put("workers", workers);
            list.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("typeId", TYPE_ID);
        body.put("sessions", list);
        return body;
    }

    /**
     * @param session the session
     * @param worker  the worker, or null for the first
     * @param from    the first bucket the caller lacks
     * @param stride  the stride of the buckets the caller holds, 0 for none
     * @param segment the segment of the buckets the caller holds
     * @return the data endpoint's body
     */
    Map<String, Object> dataBody(String session, String worker, int from, int stride, int segment) {
        Series s = index.find(session, worker);
        if (s == null) {
            return notFound(session, worker);
        }
        return HealthJson.data(s, s.snapshot(from, stride, segment), workerIds(s.sessionId()));
    }

    /** The session's indexed worker ids, sorted. */
    private List<String> workerIds(String session) {
        List<String> workers = new ArrayList<>();
        for (Series w : index.sessions().getOrDefault(session, List.of())) {
            workers.add(w.workerId());
        }
        return workers;
    }

    /**
     * The answer for a session or worker the index does not hold, saying what the attached storages hold instead
     * (no such session, a session without gradient-health records, other workers). Only this answer looks at the
     * storages' sessions.
     */
    private Map<String, Object> notFound(String session, String worker) {
        if (session == null || session.isEmpty()) {
            return HealthJson.notFound(session, worker, null, List.of());
        }
        Boolean health = null;
        for (StatsStorage s : storages) {
            if (!s.isClosed() && s.sessionExists(session)) {
                health = Boolean.TRUE.equals(health) || s.listTypeIDsForSession(session).contains(TYPE_ID);
            }
        }
        return HealthJson.notFound(session, worker, health, workerIds(session));
    }

    /**
     * The depth profile, from memory for the latest record (or any iteration at or after it), else read from the
     * series' storage.
     *
     * @param session   the session
     * @param worker    the worker, or null for the first
     * @param iteration the iteration, negative for the latest
     * @return the depth endpoint's body
     */
    Map<String, Object> depthBody(String session, String worker, int iteration) {
        Series s = index.find(session, worker);
        Map<String, Object> inMemory = depthFromMemory(s, session, worker, iteration);
        return inMemory != null ? inMemory : depthFromStorage(s, session, worker, iteration);
    }

    /** The depth body if it needs no storage read (unknown series, or the latest record), else null. */
    private Map<String, Object> depthFromMemory(Series s, String session, String worker, int iteration) {
        HealthReport latest = s == null ? null : s.latest();
        if (latest == null) {
            return notFound(session, worker);
        }
        return iteration < 0 || iteration >= latest.iteration() ? HealthJson.depth(s, latest) : null;
    }

    private Map<String, Object> depthFromStorage(Series s, String session, String worker, int iteration) {
        long ts = s.timestampAt(iteration);
        Persistable p = ts == Long.MIN_VALUE ? null : s.storage().getUpdate(s.sessionId(), TYPE_ID, s.workerId(), ts);
        if (!(p instanceof HealthRecord)) {
            return notFound(session, worker);
        }
        return HealthJson.depth(s, ((HealthRecord) p).report(s.infoOrNull()));
    }

    private void sendData(RoutingContext rc) {
        Integer from = intParam(rc, "from", 0);
        Integer stride = from == null ? null : intParam(rc, "stride", 0);
        Integer segment = stride == null ? null : intParam(rc, "segment", 0);
        if (segment != null) {
            sendJson(rc, 200, dataBody(rc.request().getParam("session"), rc.request().getParam("worker"), from,
                    stride, segment));
        }
    }

    private void sendDepth(RoutingContext rc) {
        Integer iteration = intParam(rc, "iteration", -1);
        if (iteration == null) {
            return;
        }
        String session = rc.request().getParam("session");
        String worker = rc.request().getParam("worker");
        Series s = index.find(session, worker);
        Map<String, Object> inMemory = depthFromMemory(s, session, worker, iteration);
        if (inMemory != null) {
            sendJson(rc, 200, inMemory);
            return;
        }
        rc.vertx().<Map<String, Object>>executeBlocking(
                promise -> promise.complete(depthFromStorage(s, session, worker, iteration)), false, result -> {
                    if (result.succeeded()) {
                        sendJson(rc, 200, result.result());
                    } else {
                        sendError(rc, result.cause());
                    }
                });
    }

    /** Runs a handler; an unexpected exception becomes a JSON 500 naming the endpoint and the exception. */
    private static void guarded(RoutingContext rc, Runnable handler) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            sendError(rc, e);
        }
    }

    private static void sendError(RoutingContext rc, Throwable e) {
        String path = rc.request().path();
        log.warn("Gradient Health page: {} failed", path, e);
        if (!rc.response().ended()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "could not answer " + path + ": " + e);
            sendJson(rc, 500, body);
        }
    }

    /** The parameter as a non-negative int, the default if absent; null after answering 400 if malformed. */
    private Integer intParam(RoutingContext rc, String name, int absent) {
        String v = rc.request().getParam(name);
        if (v == null || v.isEmpty()) {
            return absent;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= 0) {
                return i;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        sendJson(rc, 400, HealthJson.badRequest(name, v, "an integer >= 0"));
        return null;
    }

    private void sendPage(RoutingContext rc) {
        rc.response()
                .putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("x-content-type-options", "nosniff")
                .end(Buffer.buffer(page));
    }

    private static void sendJson(RoutingContext rc, int status, Map<String, Object> body) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            log.error("Could not write a gradient-health answer as JSON", e);
            rc.response().setStatusCode(500).putHeader("content-type", "application/json; charset=utf-8")
                    .end("{\"error\":\"could not write the answer as JSON\"}");
            return;
        }
        rc.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(Buffer.buffer(json));
    }

    private static byte[] readResource(String name) {
        try (InputStream in = GradientHealthModule.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + name + " is missing from dl4j-init-ui");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("could not read classpath resource " + name, e);
        }
    }
}
