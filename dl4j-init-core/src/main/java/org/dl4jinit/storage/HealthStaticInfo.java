package org.dl4jinit.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dl4jinit.health.ActivationFamily;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.health.LayerInfo;

/**
 * The description of the model behind a session and worker, written once before its first {@link HealthRecord}
 * (and again when the (session, worker) starts checking another model): the model's class and its layers in
 * depth order as {@link LayerInfo}s — the same descriptors the reports carry. DL4J's storages list a session only
 * after such a static-info record.
 *
 * <p>Format version {@value #VERSION}; version 1 (before layers carried their activation family and
 * initializer) still decodes, with the family read from the activation's name and the initializer "unknown".
 */
public final class HealthStaticInfo extends Codec {

    private static final long serialVersionUID = 2L;
    /** The format version this class writes. */
    public static final int VERSION = 2;

    private String sessionId;
    private String workerId;
    private long timestamp;
    private String modelType;
    private List<LayerInfo> layers;

    /** For decoding: an empty record to {@link #decode(byte[])} into. */
    public HealthStaticInfo() {
        this.layers = Collections.emptyList();
    }

    /**
     * @param sessionId the session
     * @param workerId  the worker
     * @param timestamp ms since the epoch
     * @param modelType the model's class name
     * @param layers    the layers in depth order
     */
    public HealthStaticInfo(String sessionId, String workerId, long timestamp, String modelType,
            List<LayerInfo> layers) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.modelType = modelType;
        this.layers = List.copyOf(layers);
    }

    /**
     * @param report a report of the model
     * @return the static info of the report's session, worker and model, timestamped like the report
     */
    public static HealthStaticInfo of(HealthReport report) {
        List<LayerInfo> layers = new ArrayList<>(report.layers().size());
        for (LayerHealth l : report.layers()) {
            layers.add(l.layer());
        }
        return new HealthStaticInfo(report.sessionId(), report.workerId(), report.timestamp(), report.modelType(),
                layers);
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return HealthRecord.TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    /** @return the model's class name */
    public String modelType() {
        return modelType;
    }

    /** @return the layers in depth order */
    public List<LayerInfo> layers() {
        return layers;
    }

    @Override
    void write(DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        writeString(out, sessionId);
        writeString(out, workerId);
        out.writeLong(timestamp);
        writeString(out, modelType);
        out.writeShort(layers.size());
        for (LayerInfo l : layers) {
            out.writeShort(l.index());
            out.writeUTF(l.name());
            out.writeUTF(l.type());
            out.writeUTF(l.activation());
            out.writeByte(l.family().ordinal());
            out.writeUTF(l.initializer());
            out.writeByte((l.hasWeights() ? 1 : 0) | (l.trainable() ? 2 : 0) | (l.output() ? 4 : 0));
        }
    }

    @Override
    void read(DataInputStream in) throws IOException {
        int version = requireVersion("HealthStaticInfo", in.readUnsignedByte(), 1, VERSION);
        sessionId = readString(in);
        workerId = readString(in);
        timestamp = in.readLong();
        modelType = readString(in);
        int n = in.readUnsignedShort();
        List<LayerInfo> list = new ArrayList<>(n);
        ActivationFamily[] families = ActivationFamily.values();
        for (int i = 0; i < n; i++) {
            int index = in.readUnsignedShort();
            String name = in.readUTF();
            String type = in.readUTF();
            String activation = in.readUTF();
            ActivationFamily family;
            String initializer;
            if (version == 1) {
                family = familyOfName(activation);
                initializer = "unknown";
            } else {
                family = families[in.readUnsignedByte()];
                initializer = in.readUTF();
            }
            int flags = in.readUnsignedByte();
            list.add(new LayerInfo(index, name, type, activation, family, initializer, (flags & 1) != 0,
                    (flags & 2) != 0, (flags & 4) != 0));
        }
        layers = Collections.unmodifiableList(list);
    }

    /** Version 1 recorded only the activation's {@code toString()}: its family, as far as the name says. */
    private static ActivationFamily familyOfName(String activation) {
        String a = activation.toLowerCase(java.util.Locale.ROOT);
        if (a.startsWith("sigmoid") || a.startsWith("hardsigmoid")) {
            return ActivationFamily.UNIT_INTERVAL;
        }
        if (a.startsWith("tanh") || a.startsWith("hardtanh") || a.startsWith("softsign")
                || a.startsWith("rationaltanh")) {
            return ActivationFamily.SYMMETRIC;
        }
        if (a.startsWith("relu") || a.startsWith("leakyrelu") || a.startsWith("rrelu")
                || a.startsWith("thresholdedrelu") || a.startsWith("rectifiedtanh")) {
            return ActivationFamily.RECTIFIER;
        }
        if (a.startsWith("elu") || a.startsWith("selu") || a.startsWith("softplus")) {
            return ActivationFamily.LOWER_ASYMPTOTE;
        }
        return ActivationFamily.NONE;
    }

    @Override
    public String toString() {
        return "HealthStaticInfo(session=" + sessionId + ", worker=" + workerId + ", model=" + modelType
                + ", layers=" + layers.size() + ")";
    }
}
