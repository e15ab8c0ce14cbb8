package org.dl4jinit.ui;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.core.storage.StatsStorage;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.storage.HealthRecord;
import org.dl4jinit.storage.HealthStaticInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's index of one (session, worker) of one {@link StatsStorage}: per record only its iteration and
 * timestamp (12 bytes, in growing primitive arrays, to find a record for the depth profile), the charted figures
 * downsampled into {@link Buckets} of fixed size, per layer the number of warning and failing iterations, and the
 * latest report (for the verdict table), each record decoded once, into a {@link HealthReport}, when it is
 * appended.
 *
 * <p>Records are appended by the UI server's event thread (or the thread attaching a storage) and read by Vert.x
 * event-loop threads; every method is synchronized and readers copy what they need (at most
 * {@link #CAPACITY} buckets), so a request never waits for more than one append.
 *
 * <p><b>Segments.</b> DL4J counts iterations on within one network, so a worker's records have non-decreasing
 * iterations — unless a session id is reused for a new network, whose iterations restart at 0. A record whose
 * iteration is below the previous record's therefore starts a new <em>segment</em>: the series forgets the earlier
 * records (buckets, counts, iteration index) and shows the new run only, so chart x values stay sorted and the
 * depth lookup's binary search stays valid. {@link Snapshot#segment} counts the restarts (the page sends it back
 * and gets everything again when it changed); the first restart of a series is logged at WARN.
 *
 * <p><b>Divergence.</b> A charted figure that is NaN while the record flags NaN/Inf in the layer's activations
 * ({@link Figure#NON_FINITE_ACTIVATIONS}, for the activation figures) or weight gradients
 * ({@link Figure#NON_FINITE_GRADIENTS}, for gradient norm and update ratio), or that is infinite, is appended as
 * {@code +Inf}, which {@link Buckets} counts as non-finite; any other NaN means "not measured" and is skipped.
 */
final class Series {

    /** The figures charted per layer, in chart order. */
    static final List<Figure> CHARTED = List.of(Figure.SATURATED_FRACTION, Figure.ZERO_FRACTION, Figure.DEAD_UNITS,
            Figure.ACTIVATION_STD, Figure.GRADIENT_NORM, Figure.UPDATE_RATIO);

    /** Buckets per series: like DL4J's training UI, at most 512 points per chart. */
    static final int CAPACITY = 512;

    /** Per charted figure, the flag that says a NaN of it is divergence rather than "not measured". */
    private static final Figure[] NON_FINITE_FLAG = new Figure[CHARTED.size()];

    static {
        for (int i = 0; i < CHARTED.size(); i++) {
            Figure f = CHARTED.get(i);
            NON_FINITE_FLAG[i] = f == Figure.GRADIENT_NORM || f == Figure.UPDATE_RATIO ? Figure.NON_FINITE_GRADIENTS
                    : Figure.NON_FINITE_ACTIVATIONS;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Series.class);

    private final StatsStorage storage;
    private final String sessionId;
    private final String workerId;
    private HealthStaticInfo info;
    private int[] iterations = new int[64];
    private long[] timestamps = new long[64];
    private int size;
    private long lastTimestamp = Long.MIN_VALUE;
    private Buckets buckets;
    private float[] scratch;
    private int layers = -1;
    private int[] warningIterations;
    private int[] failingIterations;
    private int skipped;
    private int segment;
    private HealthReport latest;

    Series(StatsStorage storage, String sessionId, String workerId) {
        this.storage = storage;
        this.sessionId = sessionId;
        this.workerId = workerId;
    }

    StatsStorage storage() {
        return storage;
    }

    String sessionId() {
        return sessionId;
    }

    String workerId() {
        return workerId;
    }

    synchronized void info(HealthStaticInfo info) {
        this.info = info;
    }

    /**
     * Appends a record newer than every record so far; a record whose iteration is below the previous record's
     * starts a new segment (see the class comment).
     *
     * @param r the record
     * @return false if it was not newer (already indexed) or its layer count differs from the segment's first
     *         record
     */
    synchronized boolean append(HealthRecord r) {
        if (r.getTimeStamp() <= lastTimestamp) {
            return false;
        }
        HealthReport report = r.report(info);
        if (size > 0 && report.iteration() < iterations[size - 1]) {
            restart(report.iteration());
        }
        int layerCount = report.layers().size();
        if (layers < 0) {
            layers = layerCount;
            buckets = new Buckets(CAPACITY, Math.max(1, layers * CHARTED.size()));
            scratch = new float[buckets.width()];
            warningIterations = new int[layers];
            failingIterations = new int[layers];
        } else if (layerCount != layers) {
            skipped++;
            return false;
        }
        if (size == iterations.length) {
            iterations = Arrays.copyOf(iterations, size * 2);
            timestamps = Arrays.copyOf(timestamps, size * 2);
        }
        iterations[size] = report.iteration();
        timestamps[size] = r.getTimeStamp();
        size++;
        lastTimestamp = r.getTimeStamp();
        int k = 0;
        for (int l = 0; l < layers; l++) {
            LayerHealth layer = report.layers().get(l);
            for (int f = 0; f < CHARTED.size(); f++) {
                float v = (float) layer.get(CHARTED.get(f));
                if (Float.isNaN(v) && layer.get(NON_FINITE_FLAG[f]) == 1) {
                    v = Float.POSITIVE_INFINITY;
                }
                scratch[k++] = v;
            }
            Verdict v = layer.verdict();
            if (v == Verdict.FAILING) {
                failingIterations[l]++;
            } else if (v == Verdict.WARNING) {
                warningIterations[l]++;
            }
        }
        buckets.append(report.iteration(), scratch);
        latest = report;
        return true;
    }

    /** Forgets the records of the current segment: a new network's iterations restarted below the last one. */
    private void restart(int iteration) {
        if (segment == 0) {
            log.warn("Session {} worker {}: iteration {} follows iteration {} (a session id reused for a new "
                    + "network?); the page shows the records from here on only", sessionId, workerId, iteration,
                    iterations[size - 1]);
        }
        segment++;
        size = 0;
        layers = -1;
        buckets = null;
        scratch = null;
        warningIterations = null;
        failingIterations = null;
        latest = null;
    }

    synchronized int size() {
        return size;
    }

    /** @return the latest report, or null if there is none */
    synchronized HealthReport latest() {
        return latest;
    }

    synchronized long lastTimestamp() {
        return lastTimestamp;
    }

    /**
     * @param from    the first bucket the caller lacks
     * @param stride  the stride of the buckets the caller holds (0: none)
     * @param segment the segment of the buckets the caller holds
     * @return the buckets from {@code from} if stride and segment are unchanged, else all of them
     */
    synchronized Snapshot snapshot(int from, int stride, int segment) {
        Buckets.View view = null;
        if (buckets != null) {
            boolean incremental = stride == buckets.stride() && segment == this.segment && from >= 0
                    && from <= buckets.size();
            view = buckets.view(incremental ? from : 0);
        }
        return new Snapshot(info, size, latest, view, layers < 0 ? new int[0] : warningIterations.clone(),
                layers < 0 ? new int[0] : failingIterations.clone(), skipped, this.segment);
    }

    /**
     * @param iteration an iteration; negative for the latest record
     * @return the timestamp of the last record at or before that iteration (the first record if the iteration
     *         precedes all) of the current segment, or {@link Long#MIN_VALUE} if there are no records.
     *         Iterations are non-decreasing within a segment (see the class comment).
     */
    synchronized long timestampAt(int iteration) {
        if (size == 0) {
            return Long.MIN_VALUE;
        }
        if (iteration < 0) {
            return timestamps[size - 1];
        }
        int i = Arrays.binarySearch(iterations, 0, size, iteration);
        if (i < 0) {
            i = Math.max(0, -i - 2);
        } else {
            while (i + 1 < size && iterations[i + 1] == iteration) {
                i++;
            }
        }
        return timestamps[i];
    }

    synchronized HealthStaticInfo infoOrNull() {
        return info;
    }

    /** What the data endpoint reports, copied under the series' lock. */
    static final class Snapshot {
        final HealthStaticInfo info;
        final int records;
        final HealthReport latest;
        final Buckets.View buckets;
        final int[] warningIterations;
        final int[] failingIterations;
        final int skipped;
        final int segment;

        Snapshot(HealthStaticInfo info, int records, HealthReport latest, Buckets.View buckets,
                int[] warningIterations, int[] failingIterations, int skipped, int segment) {
            this.info = info;
            this.records = records;
            this.latest = latest;
            this.buckets = buckets;
            this.warningIterations = warningIterations;
            this.failingIterations = failingIterations;
            this.skipped = skipped;
            this.segment = segment;
        }
    }
}
