package org.dl4jinit.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dl4jinit.health.LayerInfo;

/**
 * Written once per session and worker before the first {@link HealthRecord}: the model's layers in depth order
 * (index, name, type, activation, whether it has weights, is trainable, is an output layer). DL4J's storages
 * list a session only after such a static-info record.
 */
public final class HealthStaticInfo extends Codec {

    private static final long serialVersionUID = 1L;
    private static final int VERSION = 1;

    private String sessionId;
    private String workerId;
    private long timestamp;
    private String modelClass;
    private List<Layer> layers;

    /** For decoding: an empty record to {@link #decode(byte[])} into. */
    public HealthStaticInfo() {
        this.layers = Collections.emptyList();
    }

    /**
     * @param sessionId  the session
     * @param workerId   the worker
     * @param timestamp  ms since the epoch
     * @param modelClass the model's class name
     * @param infos      the layers in depth order
     */
    public HealthStaticInfo(String sessionId, String workerId, long timestamp, String modelClass,
            List<LayerInfo> infos) {
        this.sessionId = sessionId;
        this.workerId = workerId;
        this.timestamp = timestamp;
        this.modelClass = modelClass;
        List<Layer> list = new ArrayList<>(infos.size());
        for (LayerInfo i : infos) {
            list.add(new Layer(i.index(), i.name(), i.type(), i.activation(), i.hasWeights(), i.trainable(),
                    i.output()));
        }
        this.layers = Collections.unmodifiableList(list);
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
    public String modelClass() {
        return modelClass;
    }

    /** @return the layers in depth order */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    void write(DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        writeString(out, sessionId);
        writeString(out, workerId);
        out.writeLong(timestamp);
        writeString(out, modelClass);
        out.writeShort(layers.size());
        for (Layer l : layers) {
            out.writeShort(l.index);
            out.writeUTF(l.name);
            out.writeUTF(l.type);
            out.writeUTF(l.activation);
            out.writeByte((l.hasWeights ? 1 : 0) | (l.trainable ? 2 : 0) | (l.output ? 4 : 0));
        }
    }

    @Override
    void read(DataInputStream in) throws IOException {
        requireVersion("HealthStaticInfo", in.readUnsignedByte(), VERSION);
        sessionId = readString(in);
        workerId = readString(in);
        timestamp = in.readLong();
        modelClass = readString(in);
        int n = in.readUnsignedShort();
        List<Layer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = in.readUnsignedShort();
            String name = in.readUTF();
            String type = in.readUTF();
            String activation = in.readUTF();
            int flags = in.readUnsignedByte();
            list.add(new Layer(index, name, type, activation, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0));
        }
        layers = Collections.unmodifiableList(list);
    }

    @Override
    public String toString() {
        return "HealthStaticInfo(session=" + sessionId + ", worker=" + workerId + ", model=" + modelClass + ", layers="
                + layers.size() + ")";
    }

    /** One layer as recorded. */
    public static final class Layer implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final String name;
        private final String type;
        private final String activation;
        private final boolean hasWeights;
        private final boolean trainable;
        private final boolean output;

        Layer(int index, String name, String type, String activation, boolean hasWeights, boolean trainable,
                boolean output) {
            this.index = index;
            this.name = name;
            this.type = type;
            this.activation = activation;
            this.hasWeights = hasWeights;
            this.trainable = trainable;
            this.output = output;
        }

        /** @return the position in depth order */
        public int index() {
            return index;
        }

        /** @return the layer index (MultiLayerNetwork) or vertex name (ComputationGraph) */
        public String name() {
            return name;
        }

        /** @return the configuration type, e.g. "DenseLayer" */
        public String type() {
            return type;
        }

        /** @return the activation, "none" if the layer has none */
        public String activation() {
            return activation;
        }

        /** @return whether it has weights */
        public boolean hasWeights() {
            return hasWeights;
        }

        /** @return false for frozen layers */
        public boolean trainable() {
            return trainable;
        }

        /** @return whether it is an output layer */
        public boolean output() {
            return output;
        }
    }
}
