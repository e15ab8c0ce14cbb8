package org.dl4jinit.ui;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.Figure;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.storage.HealthRecord;
import org.nd4j.linalg.activations.Activation;

/**
 * Copies of a real {@link HealthRecord} (written by the listener) with another session, timestamp, iteration and
 * chosen figure values, through the record's own encoding (format version 2: the header up to the figures is
 * rewritten, the rest copied). For tests that need exact values — a spike, a NaN — at exact iterations.
 */
final class Records {

    private Records() {
    }

    /**
     * @param template  a record to copy
     * @param session   the copy's session id
     * @param timestamp the copy's timestamp
     * @param iteration the copy's iteration
     * @param changes   triples (layer, figure, value) to set in the copy
     * @return the copy
     */
    static HealthRecord copy(HealthRecord template, String session, long timestamp, int iteration,
            Object... changes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(template.encode()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(in.readUnsignedByte()); // version
            readString(in);
            writeString(out, session);
            writeString(out, readString(in)); // worker
            in.readLong();
            out.writeLong(timestamp);
            in.readInt();
            out.writeInt(iteration);
            out.writeInt(in.readInt()); // epoch
            out.writeDouble(in.readDouble()); // score
            out.writeInt(in.readInt()); // failing streak
            int layers = in.readUnsignedShort();
            out.writeShort(layers);
            int figureCount = in.readUnsignedByte();
            out.writeByte(figureCount);
            float[] figures = new float[layers * figureCount];
            for (int i = 0; i < figures.length; i++) {
                figures[i] = in.readFloat();
            }
            for (int c = 0; c < changes.length; c += 3) {
                int layer = (Integer) changes[c];
                Figure figure = (Figure) changes[c + 1];
                figures[layer * figureCount + figure.ordinal()] = ((Number) changes[c + 2]).floatValue();
            }
            for (float f : figures) {
                out.writeFloat(f);
            }
            in.transferTo(out); // measured flags, findings and headline unchanged
            out.flush();
            HealthRecord r = new HealthRecord();
            r.decode(bytes.toByteArray());
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A storage holding the static info of a real one-iteration run under {@code session} and {@code records}
     * copies of its record, iterations 0, 1, …, each with the figure changes {@code changes.apply(i)}.
     */
    static InMemoryStatsStorage storage(String session, int records,
            java.util.function.IntFunction<Object[]> changes) {
        InMemoryStatsStorage real = new InMemoryStatsStorage();
        HealthIndexTest.train(TestNets.mlp(2, 8, Activation.RELU, new HeInit(), 5), real, session, 1);
        String worker = real.listWorkerIDsForSession(session).get(0);
        HealthRecord template = (HealthRecord) real.getLatestUpdate(session, HealthRecord.TYPE_ID, worker);
        InMemoryStatsStorage out = new InMemoryStatsStorage();
        out.putStaticInfo(real.getStaticInfo(session, HealthRecord.TYPE_ID, worker));
        for (int i = 0; i < records; i++) {
            out.putUpdate(Records.copy(template, session, 1_000_000L + i, i, changes.apply(i)));
        }
        return out;
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }
}
