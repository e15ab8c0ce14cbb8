package org.dl4jinit.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.core.storage.StatsStorageListener;
import org.dl4jinit.storage.HealthRecord;
import org.dl4jinit.storage.HealthStaticInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory index behind the page: one {@link Series} per (session, worker) of gradient-health records, fed
 * once from a storage's existing records when it is attached and then record by record from the storage events
 * the UI server routes to the module (one {@code getUpdate(session, type, worker, timestamp)} per new record, no
 * rescans).
 *
 * <p>Attaching, detaching and event handling are serialized by one lock (they run on the attaching thread and the
 * UI server's event thread); lookups for requests use concurrent maps and never take that lock. Events of a
 * storage that is not (yet) attached are ignored: attaching loads everything already stored, and later events of
 * records loaded then are dropped because each series only accepts newer timestamps.
 */
final class HealthIndex {

    private static final Logger log = LoggerFactory.getLogger(HealthIndex.class);
    private static final String TYPE = HealthRecord.TYPE_ID;

    private final Object writeLock = new Object();
    private final Set<StatsStorage> storages = new CopyOnWriteArraySet<>();
    private final Map<String, Map<String, Series>> sessions = new ConcurrentHashMap<>();

    /**
     * Indexes every gradient-health record the storage already holds.
     *
     * @param storage the storage being attached
     */
    void attach(StatsStorage storage) {
        synchronized (writeLock) {
            if (!storages.add(storage)) {
                return;
            }
            for (String session : storage.listSessionIDs()) {
                if (!storage.listTypeIDsForSession(session).contains(TYPE)) {
                    continue;
                }
                for (String worker : storage.listWorkerIDsForSessionAndType(session, TYPE)) {
                    Series s = series(storage, session, worker);
                    if (s == null) {
                        continue;
                    }
                    Persistable info = storage.getStaticInfo(session, TYPE, worker);
                    if (info instanceof HealthStaticInfo) {
                        s.info((HealthStaticInfo) info);
                    }
                    List<Persistable> updates = storage.getAllUpdatesAfter(session, TYPE, worker, Long.MIN_VALUE);
                    updates.sort(Comparator.comparingLong(Persistable::getTimeStamp));
                    for (Persistable p : updates) {
                        if (p instanceof HealthRecord) {
                            s.append((HealthRecord) p);
                        }
                    }
                }
            }
        }
    }

    /**
     * Forgets the storage's series.
     *
     * @param storage the storage being detached
     */
    void detach(StatsStorage storage) {
        synchronized (writeLock) {
            storages.remove(storage);
            for (Map<String, Series> workers : sessions.values()) {
                workers.values().removeIf(s -> s.storage() == storage);
            }
            sessions.values().removeIf(Map::isEmpty);
        }
    }

    /**
     * Applies storage events: static info replaces a series' layer table, an update is read once and appended.
     *
     * @param events events of any type; those of other types or of unattached storages are ignored
     */
    void onEvents(Collection<StatsStorageEvent> events) {
        synchronized (writeLock) {
            for (StatsStorageEvent e : events) {
                StatsStorage storage = e.getStatsStorage();
                if (!TYPE.equals(e.getTypeID()) || storage == null || !storages.contains(storage)
                        || storage.isClosed()) {
                    continue;
                }
                StatsStorageListener.EventType type = e.getEventType();
                if (type == StatsStorageListener.EventType.PostStaticInfo) {
                    Series s = series(storage, e.getSessionID(), e.getWorkerID());
                    Persistable info = storage.getStaticInfo(e.getSessionID(), TYPE, e.getWorkerID());
                    if (s != null && info instanceof HealthStaticInfo) {
                        s.info((HealthStaticInfo) info);
                    }
                } else if (type == StatsStorageListener.EventType.PostUpdate) {
                    Series s = series(storage, e.getSessionID(), e.getWorkerID());
                    if (s == null || e.getTimestamp() <= s.lastTimestamp()) {
                        continue;
                    }
                    Persistable p = storage.getUpdate(e.getSessionID(), TYPE, e.getWorkerID(), e.getTimestamp());
                    if (p instanceof HealthRecord) {
                        s.append((HealthRecord) p);
                    }
                }
            }
        }
    }

    /** The series of (session, worker), created for the storage if new; null if another storage owns it. */
    private Series series(StatsStorage storage, String session, String worker) {
        Map<String, Series> workers = sessions.computeIfAbsent(session, k -> new ConcurrentHashMap<>());
        Series s = workers.computeIfAbsent(worker, k -> new Series(storage, session, worker));
        if (s.storage() != storage) {
            log.warn("Session {} worker {} is in two attached storages; the page shows the first one", session,
                    worker);
            return null;
        }
        return s;
    }

    /**
     * @param session a session id
     * @param worker  a worker id, or null for the session's first worker (sorted by id)
     * @return the series, or null if unknown
     */
    Series find(String session, String worker) {
        Map<String, Series> workers = session == null ? null : sessions.get(session);
        if (workers == null) {
            return null;
        }
        return worker == null || worker.isEmpty() ? first(workers) : workers.get(worker);
    }

    /**
     * @param workers a session's workers, possibly emptied concurrently by {@link #detach}
     * @return the series of the smallest worker id, or null if there is none (any more)
     */
    static Series first(Map<String, Series> workers) {
        Map.Entry<String, Series> e = new TreeMap<>(workers).firstEntry();
        return e == null ? null : e.getValue();
    }

    /** @return session id to its indexed workers' series, sorted by session then worker id */
    Map<String, List<Series>> sessions() {
        Map<String, List<Series>> out = new TreeMap<>();
        for (Map.Entry<String, Map<String, Series>> e : sessions.entrySet()) {
            List<Series> list = new ArrayList<>(new TreeMap<>(e.getValue()).values());
            if (!list.isEmpty()) {
                out.put(e.getKey(), list);
            }
        }
        return out;
    }
}
