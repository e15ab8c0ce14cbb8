package org.dl4jinit.spark.health;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.TaskCompletionListener;
import org.apache.spark.util.AccumulatorV2;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;

/**
 * A {@link StatsStorageRouter} that brings records written on Spark executors to a storage on the driver, the
 * Spark way: through an accumulator. On the driver it writes straight to its target. Shipped to an executor (it
 * is {@link Serializable}), every copy of it puts what it is given into one queue per executor JVM; every task
 * that deserialized a copy moves that queue into its accumulator when it ends, and when the task has succeeded
 * Spark merges the accumulator into the driver's, which writes the records to the target in the order they were
 * written, on Spark's scheduler thread.
 *
 * <pre>{@code
 * InMemoryStatsStorage storage = new InMemoryStatsStorage();                 // on the driver
 * sparkNet.setListeners(DriverStorageRouter.to(sc, storage), List.of(listener));
 * }</pre>
 *
 * <p>Why the queue: DL4J does not always write on the thread, or in the task, whose copy of the router the
 * listener holds. {@code SharedTrainingMaster} (DL4J 1.0.0-M2) keeps one training wrapper per executor JVM whose
 * listeners (and their router) are those of the first task that trained there, and returns no records with its
 * results, so records must outlive the task whose router wrote them. {@code ParameterAveragingTrainingMaster}
 * returns its workers' records with their results and writes them to the router on the driver, which simply
 * passes them on. The router also brings the health records of a search's candidates back
 * ({@link RoutedHealthRecorder}).
 *
 * <p>Records arrive when a task ends, not while it runs: for a live page from long tasks, post them to a UI
 * server with a {@code RemoteUIStatsStorageRouter} (see docs/spark.md). Records
 * of a task that fails are dropped with it; Spark merges a successful task's records once, also when an earlier
 * attempt of the task failed. Records travel with task results, so they count towards
 * {@code spark.driver.maxResultSize}.
 */
public final class DriverStorageRouter implements StatsStorageRouter, Serializable {

    private static final long serialVersionUID = 1L;
    /** Per router id, what copies on this executor JVM have written and no task has taken yet. */
    private static final Map<String, Queue<Entry>> OUTBOX = new ConcurrentHashMap<>();

    private final String id;
    private final Records records;
    private final transient StatsStorageRouter target;

    private DriverStorageRouter(String id, Records records, StatsStorageRouter target) {
        this.id = id;
        this.records = records;
        this.target = target;
    }

    /**
     * @param sc     the Spark context (its driver is where the records go)
     * @param target the storage on the driver, e.g. an {@code InMemoryStatsStorage} attached to the UI server
     * @return a router to give DL4J's Spark training ({@code setListeners(router, listeners)}) or a search
     * @throws IllegalArgumentException for a null context or target
     */
    public static DriverStorageRouter to(JavaSparkContext sc, StatsStorageRouter target) {
        if (sc == null) {
            throw new IllegalArgumentException("sc must not be null");
        }
        if (target == null) {
            throw new IllegalArgumentException("target must not be null");
        }
        Records records = new Records(target);
        sc.sc().register(records);
        return new DriverStorageRouter(UUID.randomUUID().toString(), records, target);
    }

    /** @return whether this is the driver's router (writes go to the target) rather than a shipped copy */
    public boolean isDriverSide() {
        return target != null;
    }

    @Override
    public void putStorageMetaData(StorageMetaData metaData) {
        if (target != null) {
            target.putStorageMetaData(metaData);
        } else {
            outbox(id).add(new Entry(Entry.Kind.META, metaData));
        }
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> metaData) {
        for (StorageMetaData m : metaData) {
            putStorageMetaData(m);
        }
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        if (target != null) {
            target.putStaticInfo(staticInfo);
        } else {
            outbox(id).add(new Entry(Entry.Kind.STATIC, staticInfo));
        }
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        for (Persistable p : staticInfo) {
            putStaticInfo(p);
        }
    }

    @Override
    public void putUpdate(Persistable update) {
        if (target != null) {
            target.putUpdate(update);
        } else {
            outbox(id).add(new Entry(Entry.Kind.UPDATE, update));
        }
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        for (Persistable p : updates) {
            putUpdate(p);
        }
    }

    private static Queue<Entry> outbox(String id) {
        return OUTBOX.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>());
    }

    /**
     * Deserialized in a task (with its closure): the accumulator copy registers itself with the task, and this
     * copy moves the JVM's queue into it when the task ends (before Spark collects the task's accumulators).
     */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        TaskContext task = TaskContext.get();
        if (task != null) {
            String key = id;
            Records into = records;
            task.addTaskCompletionListener((TaskCompletionListener) t -> {
                Queue<Entry> q = OUTBOX.get(key);
                for (Entry e = q == null ? null : q.poll(); e != null; e = q.poll()) {
                    into.add(e);
                }
            });
        }
    }

    @Override
    public String toString() {
        return "DriverStorageRouter(" + (target != null ? "driver, to " + target : "executor copy") + ")";
    }

    /** One record written on an executor, with the method it was written by. */
    static final class Entry implements Serializable {
        private static final long serialVersionUID = 1L;

        enum Kind { META, STATIC, UPDATE }

        final Kind kind;
        final Serializable value;

        Entry(Kind kind, Serializable value) {
            if (value == null) {
                throw new IllegalArgumentException(kind + " record must not be null");
            }
            this.kind = kind;
            this.value = value;
        }

        void writeTo(StatsStorageRouter router) {
            switch (kind) {
                case META:
                    router.putStorageMetaData((StorageMetaData) value);
                    break;
                case STATIC:
                    router.putStaticInfo((Persistable) value);
                    break;
                default:
                    router.putUpdate((Persistable) value);
            }
        }
    }

    /**
     * The accumulator: a task's copy collects entries; the driver's instance writes each merged copy's entries to
     * the target instead of keeping them, so the driver holds no records beyond the target's own.
     */
    static final class Records extends AccumulatorV2<Entry, List<Entry>> {
        private static final long serialVersionUID = 1L;

        private final transient StatsStorageRouter sink;
        private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

        Records(StatsStorageRouter sink) {
            this.sink = sink;
        }

        @Override
        public boolean isZero() {
            return entries.isEmpty();
        }

        @Override
        public AccumulatorV2<Entry, List<Entry>> copy() {
            Records c = new Records(null);
            synchronized (entries) {
                c.entries.addAll(entries);
            }
            return c;
        }

        @Override
        public void reset() {
            entries.clear();
        }

        @Override
        public void add(Entry e) {
            entries.add(e);
        }

        @Override
        public void merge(AccumulatorV2<Entry, List<Entry>> other) {
            List<Entry> incoming = other.value();
            if (sink == null) {
                entries.addAll(incoming);
                return;
            }
            for (Entry e : incoming) {
                e.writeTo(sink);
            }
        }

        @Override
        public List<Entry> value() {
            synchronized (entries) {
                return new ArrayList<>(entries);
            }
        }
    }
}
