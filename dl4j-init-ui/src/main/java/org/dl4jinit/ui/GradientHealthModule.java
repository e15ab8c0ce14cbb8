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
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DL4J UI module for gradient-health records, loaded by the UI server through {@link java.util.ServiceLoader}
 * when it starts. First version: it tracks the attached {@link StatsStorage} instances and serves
 *
 * <ul>
 *   <li>{@code GET /health}: a static page (classpath resource {@value #PAGE_RESOURCE}) that fetches the JSON
 *       below and places every value with {@code textContent};</li>
 *   <li>{@code GET /health/sessions}: {@code {"typeId":"GradientHealth","sessions":[{"sessionId":"…",
 *       "hasHealthRecords":false}, …]}}, every session of every attached storage, sorted by id, where
 *       {@code hasHealthRecords} says whether the session holds records of type {@value #TYPE_ID}.</li>
 * </ul>
 *
 * <p>The server may construct this class more than once (the service loader is iterated at every start) and calls
 * {@link #onAttach}/{@link #onDetach} from the caller's thread while routes run on Vert.x event-loop threads, so
 * the set of storages is a thread-safe copy-on-write set (attach and detach are rare, reads frequent).
 */
public final class GradientHealthModule implements UIModule {

    /** Type ID of gradient-health records in a {@link StatsStorage}. */
    public static final String TYPE_ID = "GradientHealth";

    /** Classpath resource served at {@code GET /health}. */
    public static final String PAGE_RESOURCE = "dl4jinit/health.html";

    private static final Logger log = LoggerFactory.getLogger(GradientHealthModule.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<StatsStorage> storages = new CopyOnWriteArraySet<>();
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
        routes.add(new Route("/health/sessions", HttpMethod.GET, (params, rc) -> sendSessions(rc)));
        return routes;
    }

    /** No-op in this version: the page reads the storages on request. */
    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
        // Gradient-health records are read from the attached storages when the page asks for them.
    }

    @Override
    public void onAttach(StatsStorage statsStorage) {
        if (statsStorage != null) {
            storages.add(statsStorage);
        }
    }

    @Override
    public void onDetach(StatsStorage statsStorage) {
        if (statsStorage != null) {
            storages.remove(statsStorage);
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

    private void sendPage(RoutingContext rc) {
        rc.response()
                .putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("x-content-type-options", "nosniff")
                .end(Buffer.buffer(page));
    }

    private void sendSessions(RoutingContext rc) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : sessions().entrySet()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sessionId", e.getKey());
            item.put("hasHealthRecords", e.getValue());
            list.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("typeId", TYPE_ID);
        body.put("sessions", list);
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            log.error("Could not write the gradient-health session list as JSON", e);
            rc.response().setStatusCode(500).end();
            return;
        }
        rc.response()
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(json);
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
