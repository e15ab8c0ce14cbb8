package org.dl4jinit.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dl4jinit.health.ActivationFamily;
import org.dl4jinit.health.Diagnosis;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;

/**
 * A {@link HealthReport} in DL4J's StatsStorage: an update record of type {@link #TYPE_ID}, the report's codec.
 * {@link #of(HealthReport)} encodes a report; {@link #report(HealthStaticInfo)} gives it back, with the layer
 * descriptors of the session's static info — there is no second reading API. What a record keeps: iteration,
 * epoch, score, failing streak, every layer's figures (as floats) and whether it was measured, and the findings
 * with their figure, value, threshold and diagnosis (cause, explanation, remedy) and which one is the headline.
 * A decoded report has no transitions (they are the listener's view of consecutive iterations).
 *
 * <p>Kept compact on the heap because storages keep records by the thousands: one object, a
 * {@code float[layers·figures]}, a {@code byte[layers]} and, column-wise, the findings; the diagnosis sentences
 * are interned, so records share them. The report is built on demand. Encoded, a record is about
 * {@code 40 + layers·(4·figures + 1) + 26·findings} bytes plus each distinct diagnosis sentence once.
 *
 * <p>Format version {@value #VERSION}; version 1 (findings with prose layer descriptions and figure names) still
 * decodes: its figure names are mapped to {@link Figure}s and its findings get the condition's generic
 * diagnosis. The public no-arg constructor and {@link #decode(byte[])} are what FileStatsStorage and the UI
 * server's remote receiver use to restore it.
 */
public final class HealthRecord extends Codec {

    private static final long serialVersionUID = 2L;

    /** The StatsStorage type id of gradient-health records (static info and updates). */
    public static final String TYPE_ID = "GradientHealth";
    /** The format version this class writes. */
    public static final int VERSION = 2;

    private static final short[] NO_SHORTS = new short[0];
    private static final byte[] NO_BYTES = new byte[0];
    private static final double[] NO_DOUBLES = new double[0];
    private static final String[] NO_STRINGS = new String[0];

    private String sessionId;
    private String workerId;
    private long timestamp;
    private int iteration;
    private int epoch;
    private double score;
    private int failingStreak;
    private int figureCount;
    private float[] figures = new float[0];
    private byte[] measured = NO_BYTES;
    // The findings, column-wise: layer index (−1: model), condition, verdict, figure and cause ordinals, value and
    // threshold, explanation and remedy (interned).
    private short[] findingLayers = NO_SHORTS;
    private byte[] findingConditions = NO_BYTES;
    private byte[] findingVerdicts = NO_BYTES;
    private byte[] findingFigures = NO_BYTES;
    private byte[] findingCauses = NO_BYTES;
    private double[] findingNumbers = NO_DOUBLES;
    private String[] findingTexts = NO_STRINGS;
    private int headline = -1;

    /** For decoding: an empty record to {@link #decode(byte[])} into. */
    public HealthRecord() {
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
        r.failingStreak = report.failingStreak();
        r.figureCount = Figure.count();
        List<LayerHealth> layers = report.layers();
        r.figures = new float[layers.size() * r.figureCount];
        r.measured = new byte[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            LayerHealth l = layers.get(i);
            for (int f = 0; f < r.figureCount; f++) {
                r.figures[i * r.figureCount + f] = (float) l.get(Figure.at(f));
            }
            r.measured[i] = (byte) (l.measured() ? 1 : 0);
        }
        List<Violation> findings = report.violations();
        Violation h = report.headline().orElse(null);
        r.allocateFindings(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            Violation v = findings.get(i);
            r.setFinding(i, v.layerIndex(), v.condition().ordinal(), v.verdict().ordinal(), v.figure().ordinal(),
                    v.value(), v.threshold(), v.diagnosis().cause().ordinal(), v.diagnosis().explanation(),
                    v.diagnosis().remedy());
            if (v == h) {
                r.headline = i;
            }
        }
        return r;
    }

    /**
     * The report this record encodes.
     *
     * @param info the static info of the record's session and worker (its layer descriptors), or null: then
     *             each layer is described by its index only, as is a layer the info does not have
     * @return the report; its transitions are empty
     */
    public HealthReport report(HealthStaticInfo info) {
        int layerCount = measured.length;
        List<LayerInfo> infos = new ArrayList<>(layerCount);
        for (int l = 0; l < layerCount; l++) {
            infos.add(info != null && l < info.layers().size() ? info.layers().get(l) : unknown(l));
        }
        List<List<Violation>> perLayer = new ArrayList<>(layerCount);
        for (int l = 0; l < layerCount; l++) {
            perLayer.add(new ArrayList<>(0));
        }
        List<Violation> model = new ArrayList<>(0);
        Violation head = null;
        HealthCondition[] conditions = HealthCondition.values();
        Verdict[] verdicts = Verdict.values();
        Diagnosis.Cause[] causes = Diagnosis.Cause.values();
        for (int i = 0; i < findingLayers.length; i++) {
            int l = findingLayers[i];
            Violation v = new Violation(l < 0 ? null : infos.get(l), conditions[findingConditions[i]],
                    verdicts[findingVerdicts[i]], Figure.at(findingFigures[i]), findingNumbers[2 * i],
                    findingNumbers[2 * i + 1], new Diagnosis(causes[findingCauses[i]], findingTexts[2 * i],
                            findingTexts[2 * i + 1]));
            (l < 0 ? model : perLayer.get(l)).add(v);
            if (i == headline) {
                head = v;
            }
        }
        List<LayerHealth> layers = new ArrayList<>(layerCount);
        for (int l = 0; l < layerCount; l++) {
            double[] f = new double[Figure.count()];
            for (int k = 0; k < f.length; k++) {
                f[k] = k < figureCount ? figures[l * figureCount + k] : Double.NaN;
            }
            layers.add(new LayerHealth(infos.get(l), f, measured[l] != 0, perLayer.get(l)));
        }
        return new HealthReport(sessionId, workerId, timestamp, iteration, epoch, score,
                info == null ? "unknown" : info.modelType(), layers, model, failingStreak, head, List.of());
    }

    private static LayerInfo unknown(int index) {
        return new LayerInfo(index, Integer.toString(index), "unknown", "none", ActivationFamily.NONE, "unknown",
                false, true, false);
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

    private void allocateFindings(int n) {
        findingLayers = new short[n];
        findingConditions = new byte[n];
        findingVerdicts = new byte[n];
        findingFigures = new byte[n];
        findingCauses = new byte[n];
        findingNumbers = new double[2 * n];
        findingTexts = new String[2 * n];
    }

    private void setFinding(int i, int layer, int condition, int verdict, int figure, double value, double threshold,
            int cause, String explanation, String remedy) {
        findingLayers[i] = (short) layer;
        findingConditions[i] = (byte) condition;
        findingVerdicts[i] = (byte) verdict;
        findingFigures[i] = (byte) figure;
        findingCauses[i] = (byte) cause;
        findingNumbers[2 * i] = value;
        findingNumbers[2 * i + 1] = threshold;
        findingTexts[2 * i] = explanation.intern();
        findingTexts[2 * i + 1] = remedy.intern();
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
        out.writeInt(failingStreak);
        out.writeShort(measured.length);
        out.writeByte(figureCount);
        for (float f : figures) {
            out.writeFloat(f);
        }
        out.write(measured);
        out.writeShort(findingLayers.length);
        // the diagnosis sentences, each once (findings of one cause share them), then the findings by index
        Map<String, Integer> texts = new LinkedHashMap<>();
        for (String t : findingTexts) {
            texts.putIfAbsent(t, texts.size());
        }
        out.writeShort(texts.size());
        for (String t : texts.keySet()) {
            out.writeUTF(t);
        }
        for (int i = 0; i < findingLayers.length; i++) {
            out.writeShort(findingLayers[i]);
            out.writeByte(findingConditions[i]);
            out.writeByte(findingVerdicts[i]);
            out.writeByte(findingFigures[i]);
            out.writeDouble(findingNumbers[2 * i]);
            out.writeDouble(findingNumbers[2 * i + 1]);
            out.writeByte(findingCauses[i]);
            out.writeShort(texts.get(findingTexts[2 * i]));
            out.writeShort(texts.get(findingTexts[2 * i + 1]));
        }
        out.writeShort(headline);
    }

    @Override
    void read(DataInputStream in) throws IOException {
        int version = requireVersion("HealthRecord", in.readUnsignedByte(), 1, VERSION);
        sessionId = intern(readString(in));
        workerId = intern(readString(in));
        timestamp = in.readLong();
        iteration = in.readInt();
        epoch = in.readInt();
        score = in.readDouble();
        if (version == 1) {
            V1.read(this, in);
            return;
        }
        failingStreak = in.readInt();
        int layers = in.readUnsignedShort();
        figureCount = in.readUnsignedByte();
        figures = new float[layers * figureCount];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = in.readFloat();
        }
        measured = new byte[layers];
        in.readFully(measured);
        int n = in.readUnsignedShort();
        String[] texts = new String[in.readUnsignedShort()];
        for (int t = 0; t < texts.length; t++) {
            texts[t] = in.readUTF();
        }
        allocateFindings(n);
        for (int i = 0; i < n; i++) {
            int layer = in.readShort();
            if (layer < -1 || layer >= layers) {
                throw new IOException("HealthRecord: finding " + i + " names layer " + layer + " of " + layers);
            }
            int condition = ordinal(in.readUnsignedByte(), HealthCondition.values().length, "condition");
            int verdict = ordinal(in.readUnsignedByte(), Verdict.values().length, "verdict");
            int figure = ordinal(in.readUnsignedByte(), Figure.count(), "figure");
            double value = in.readDouble();
            double threshold = in.readDouble();
            int cause = ordinal(in.readUnsignedByte(), Diagnosis.Cause.values().length, "cause");
            int explanation = ordinal(in.readUnsignedShort(), texts.length, "text");
            int remedy = ordinal(in.readUnsignedShort(), texts.length, "text");
            setFinding(i, layer, condition, verdict, figure, value, threshold, cause, texts[explanation],
                    texts[remedy]);
        }
        headline = in.readShort();
        if (headline < -1 || headline >= n) {
            throw new IOException("HealthRecord: headline " + headline + " is not one of its " + n + " findings");
        }
    }

    private static int ordinal(int value, int count, String what) throws IOException {
        if (value >= count) {
            throw new IOException("HealthRecord: " + what + " ordinal " + value + " is not known to this version "
                    + "(" + count + " values)");
        }
        return value;
    }

    /** Decoded records are kept by the thousands: session and worker repeat in every record, so share one copy. */
    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    @Override
    public String toString() {
        return "HealthRecord(session=" + sessionId + ", worker=" + workerId + ", iteration=" + iteration
                + ", layers=" + measured.length + ", findings=" + findingLayers.length + ")";
    }

    /** Format version 1: the findings' layer descriptions and figure names were prose. */
    private static final class V1 {
        /** Version 1's condition order. */
        private static final HealthCondition[] CONDITIONS = {HealthCondition.SATURATION,
            HealthCondition.ZERO_ACTIVATIONS, HealthCondition.DEAD_UNITS, HealthCondition.SCALE_COLLAPSE,
            HealthCondition.VANISHING_GRADIENT, HealthCondition.EXPLODING_GRADIENT, HealthCondition.ZERO_GRADIENT,
            HealthCondition.UPDATE_RATIO, HealthCondition.NON_FINITE};
        /** Version 1's verdict order. */
        private static final Verdict[] VERDICTS = {Verdict.HEALTHY, Verdict.WARNING, Verdict.FAILING};

        private V1() {
        }

        static void read(HealthRecord r, DataInputStream in) throws IOException {
            Verdict overall = VERDICTS[in.readUnsignedByte()];
            r.failingStreak = overall == Verdict.FAILING ? 1 : 0;
            int layers = in.readUnsignedShort();
            r.figureCount = in.readUnsignedByte();
            r.figures = new float[layers * r.figureCount];
            for (int i = 0; i < r.figures.length; i++) {
                r.figures[i] = in.readFloat();
            }
            in.readFully(new byte[layers]); // layer verdicts: derived from the findings
            r.measured = new byte[layers];
            java.util.Arrays.fill(r.measured, (byte) 1);
            int n = in.readUnsignedShort();
            r.allocateFindings(n);
            for (int i = 0; i < n; i++) {
                int layer = in.readShort();
                in.readUTF(); // the layer's description: the static info describes the layer
                HealthCondition condition = CONDITIONS[in.readUnsignedByte()];
                Verdict verdict = VERDICTS[in.readUnsignedByte()];
                Figure figure = figure(in.readUTF());
                double value = in.readDouble();
                double threshold = in.readDouble();
                Diagnosis d = Diagnosis.unexplained(condition);
                r.setFinding(i, layer, condition.ordinal(), verdict.ordinal(), figure.ordinal(), value, threshold,
                        d.cause().ordinal(), d.explanation(), d.remedy());
                if (r.headline < 0 && verdict == overall) {
                    r.headline = i;
                }
            }
        }

        /** Version 1's figure names, as its rules wrote them. */
        private static Figure figure(String name) throws IOException {
            switch (name) {
                case "fraction of saturated activations":
                case "fraction of activations in the zero region":
                    return Figure.SATURATED_FRACTION;
                case "fraction of units saturated for the whole batch":
                    return Figure.SATURATED_UNITS;
                case "fraction of zero activations":
                    return Figure.ZERO_FRACTION;
                case "fraction of dead units (zero for every example)":
                    return Figure.DEAD_UNITS;
                case "activation std / input std":
                    return Figure.SCALE_RATIO;
                case "weight gradient L2 norm":
                case "NaN/Inf in weight gradients (first layer in backward order)":
                    return Figure.GRADIENT_NORM;
                case "gradient RMS / top layer's gradient RMS":
                    return Figure.GRADIENT_RATIO;
                case "update:parameter norm ratio":
                    return Figure.UPDATE_RATIO;
                case "NaN/Inf in activations (first layer in depth order)":
                    return Figure.ACTIVATION_MEAN;
                case "score":
                    return Figure.SCORE;
                default:
                    throw new IOException("HealthRecord version 1: unknown figure \"" + name + "\"");
            }
        }
    }
}
