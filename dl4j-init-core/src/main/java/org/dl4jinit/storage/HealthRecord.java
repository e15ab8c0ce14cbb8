package org.dl4jinit.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;

/**
 * One checked iteration in DL4J's StatsStorage (an update record of type {@link #TYPE_ID}): iteration, epoch,
 * score, verdict, every layer's figures (as floats) and verdict, and the findings. About
 * {@code 40 + layers·(4·figures + 1) + 80·findings} bytes encoded. On the heap it is one object, a
 * {@code float[layers·figures]}, a {@code byte[layers]} and, column-wise, its findings (about 28 bytes each; the
 * layer descriptions and figure names are interned, so records share them) — about {@code 110 + 61·layers + 28·
 * findings} bytes with compressed oops. {@link #findings()} builds the finding objects on demand.
 *
 * <p>The public no-arg constructor and {@link #decode(byte[])} are what FileStatsStorage and the UI server's
 * remote receiver use to restore it.
 */
public final class HealthRecord extends Codec {

    private static final long serialVersionUID = 1L;

    /** The StatsStorage type id of gradient-health records (static info and updates). */
    public static final String TYPE_ID = "GradientHealth";

    private static final int VERSION = 1;

    private String sessionId;
    private String workerId;
    private long timestamp;
    private int iteration;
    private int epoch;
    private double score;
    private Verdict verdict;
    private int figureCount;
    private float[] figures;
    private byte[] layerVerdicts;
    // The findings, column-wise (the record is kept by the thousands: no object per finding): layer index,
    // condition and verdict ordinals, value and threshold, layer description and figure name (interned).
    private short[] findingLayers = NO_SHORTS;
    private byte[] findingConditions = NO_BYTES;
    private byte[] findingVerdicts = NO_BYTES;
    private double[] findingNumbers = NO_DOUBLES;
    private String[] findingTexts = NO_STRINGS;

    private static final short[] NO_SHORTS = new short[0];
    private static final byte[] NO_BYTES = new byte[0];
    private static final double[] NO_DOUBLES = new double[0];
    private static final String[] NO_STRINGS = new String[0];

    /** For decoding: an empty record to {@link #decode(byte[])} into. */
    public HealthRecord() {
        this.figures = new float[0];
        this.layerVerdicts = NO_BYTES;
        this.verdict = Verdict.HEALTHY;
    }

    /**
     * @param report the report of a checked iteration
     * @return its record, with the report's session, worker and timestamp
     */
    public static HealthRecord of(HealthReport report) {
        HealthRecord r = new HealthRecord();
        r.sessionId = report.sessionId();
        r.workerId = report.workerId();
        r.timestamp = report.timestamp();
        r.iteration = report.iteration();
        r.epoch = report.epoch();
        r.score = report.score();
        r.verdict = report.verdict();
        r.figureCount = Figure.count();
        List<LayerHealth> layers = report.layers();
        r.figures = new float[layers.size() * r.figureCount];
        r.layerVerdicts = new byte[layers.size()];
        List<Finding> findings = new ArrayList<>(report.violations().size());
        for (int i = 0; i < layers.size(); i++) {
            LayerHealth l = layers.get(i);
            for (int f = 0; f < r.figureCount; f++) {
                r.figures[i * r.figureCount + f] = (float) l.get(Figure.values()[f]);
            }
            r.layerVerdicts[i] = (byte) l.verdict().ordinal();
            for (Violation v : l.violations()) {
                findings.add(new Finding(i, v));
            }
        }
        for (Violation v : report.violations()) {
            if ("score".equals(v.layer())) {
                findings.add(new Finding(-1, v));
            }
        }
        r.setFindings(findings);
        return r;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    /** @return the iteration */
    public int iteration() {
        return iteration;
    }

    /** @return the epoch */
    public int epoch() {
        return epoch;
    }

    /** @return the score */
    public double score() {
        return score;
    }

    /** @return the overall verdict */
    public Verdict verdict() {
        return verdict;
    }

    /** @return the number of layers */
    public int layerCount() {
        return layerVerdicts.length;
    }

    /**
     * @param layer  layer index in depth order
     * @param figure the figure
     * @return the value (NaN when not measured, or for figures added after this record was written)
     */
    public double figure(int layer, Figure figure) {
        int f = figure.ordinal();
        return f < figureCount ? figures[layer * figureCount + f] : Double.NaN;
    }

    /**
     * @param layer layer index in depth order
     * @return that layer's verdict
     */
    public Verdict layerVerdict(int layer) {
        return Verdict.values()[layerVerdicts[layer]];
    }

    /** @return the findings, layer-level in depth order, then model-level (layer −1); a new list on every call */
    public List<Finding> findings() {
        int n = findingLayers.length;
        if (n == 0) {
            return Collections.emptyList();
        }
        List<Finding> out = new ArrayList<>(n);
        HealthCondition[] conditions = HealthCondition.values();
        Verdict[] verdicts = Verdict.values();
        for (int i = 0; i < n; i++) {
            out.add(new Finding(findingLayers[i], new Violation(findingTexts[2 * i], conditions[findingConditions[i]],
                    verdicts[findingVerdicts[i]], findingTexts[2 * i + 1], findingNumbers[2 * i],
                    findingNumbers[2 * i + 1])));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return the number of findings */
    public int findingCount() {
        return findingLayers.length;
    }

    private void setFindings(List<Finding> list) {
        int n = list.size();
        if (n == 0) {
            return;
        }
        findingLayers = new short[n];
        findingConditions = new byte[n];
        findingVerdicts = new byte[n];
        findingNumbers = new double[2 * n];
        findingTexts = new String[2 * n];
        for (int i = 0; i < n; i++) {
            Finding f = list.get(i);
            Violation v = f.violation;
            findingLayers[i] = (short) f.layer;
            findingConditions[i] = (byte) v.condition().ordinal();
            findingVerdicts[i] = (byte) v.verdict().ordinal();
            findingNumbers[2 * i] = v.value();
            findingNumbers[2 * i + 1] = v.threshold();
            findingTexts[2 * i] = v.layer().intern();
            findingTexts[2 * i + 1] = v.figure().intern();
        }
    }

    @Override
    void write(DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        writeString(out, sessionId);
        writeString(out, workerId);
        out.writeLong(timestamp);
        out.writeInt(iteration);
        out.writeInt(epoch);
        out.writeDouble(score);
        out.writeByte(verdict.ordinal());
        out.writeShort(layerVerdicts.length);
        out.writeByte(figureCount);
        for (float f : figures) {
            out.writeFloat(f);
        }
        out.write(layerVerdicts);
        out.writeShort(findingLayers.length);
        for (int i = 0; i < findingLayers.length; i++) {
            out.writeShort(findingLayers[i]);
            out.writeUTF(findingTexts[2 * i]);
            out.writeByte(findingConditions[i]);
            out.writeByte(findingVerdicts[i]);
            out.writeUTF(findingTexts[2 * i + 1]);
            out.writeDouble(findingNumbers[2 * i]);
            out.writeDouble(findingNumbers[2 * i + 1]);
        }
    }

    @Override
    void read(DataInputStream in) throws IOException {
        requireVersion("HealthRecord", in.readUnsignedByte(), VERSION);
        sessionId = intern(readString(in));
        workerId = intern(readString(in));
        timestamp = in.readLong();
        iteration = in.readInt();
        epoch = in.readInt();
        score = in.readDouble();
        verdict = Verdict.values()[in.readUnsignedByte()];
        int layers = in.readUnsignedShort();
        figureCount = in.readUnsignedByte();
        figures = new float[layers * figureCount];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = in.readFloat();
        }
        layerVerdicts = new byte[layers];
        in.readFully(layerVerdicts);
        int n = in.readUnsignedShort();
        List<Finding> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int layer = in.readShort();
            String description = in.readUTF();
            HealthCondition condition = HealthCondition.values()[in.readUnsignedByte()];
            Verdict v = Verdict.values()[in.readUnsignedByte()];
            list.add(new Finding(layer, new Violation(description, condition, v, in.readUTF(), in.readDouble(),
                    in.readDouble())));
        }
        findingLayers = NO_SHORTS;
        findingConditions = NO_BYTES;
        findingVerdicts = NO_BYTES;
        findingNumbers = NO_DOUBLES;
        findingTexts = NO_STRINGS;
        setFindings(list);
    }

    /**
     * Decoded records are kept by the thousands (an {@code InMemoryStatsStorage} behind the UI's remote receiver):
     * session, worker, layer descriptions and figure names repeat in every record, so they are interned to share
     * one copy.
     */
    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    @Override
    public String toString() {
        return "HealthRecord(session=" + sessionId + ", worker=" + workerId + ", iteration=" + iteration
                + ", verdict=" + verdict + ", layers=" + layerCount() + ", findings=" + findingLayers.length + ")";
    }

    /** A finding as stored: the layer's index in depth order (−1 for the model's score) and the violation. */
    public static final class Finding implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final int layer;
        private final Violation violation;

        Finding(int layer, Violation violation) {
            this.layer = layer;
            this.violation = violation;
        }

        /** @return the layer index in depth order, −1 for a model-level finding */
        public int layer() {
            return layer;
        }

        /** @return the finding: layer description, condition, verdict, figure, value, threshold, message */
        public Violation violation() {
            return violation;
        }
    }
}
