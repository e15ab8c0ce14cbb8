package org.dl4jinit.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** The byte plumbing that {@code Persistable} asks for, around one {@code write(DataOutputStream)}. */
abstract class Codec implements org.deeplearning4j.core.storage.Persistable {

    private static final long serialVersionUID = 1L;

    /** Writes the fields, format version first. */
    abstract void write(DataOutputStream out) throws IOException;

    /** Reads the fields written by {@link #write}. */
    abstract void read(DataInputStream in) throws IOException;

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream outputStream) throws IOException {
        outputStream.write(encode());
    }

    @Override
    public void decode(byte[] decode) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(decode))) {
            read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid " + getClass().getSimpleName() + " encoding: " + e, e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        decode(bytes);
    }

    @Override
    public void decode(InputStream inputStream) throws IOException {
        decode(inputStream.readAllBytes());
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** @return the version, if this class reads it */
    static int requireVersion(String type, int version, int oldest, int newest) throws IOException {
        if (version < oldest || version > newest) {
            throw new IOException(type + " encoding version " + version + " is not supported (this version of "
                    + "dl4j-init reads versions " + oldest + " to " + newest + ")");
        }
        return version;
    }
}
