package org.dl4jinit.examples.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Writes small gzip IDX files, valid or deliberately broken, for the tests. */
final class IdxFixtures {

    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    private IdxFixtures() {
    }

    /** The IDX bytes of {@code count} images of {@code rows×columns} with the given header values. */
    static byte[] images(int magic, int count, int rows, int columns, byte[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        out.write(pixels);
        return bytes.toByteArray();
    }

    /** The IDX bytes of labels with the given header values. */
    static byte[] labels(int magic, int count, byte[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.write(labels);
        return bytes.toByteArray();
    }

    /** Writes {@code content} gzip-compressed to {@code file}. */
    static Path writeGzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    /** Cuts the last {@code bytes} bytes off {@code file}. */
    static void cut(Path file, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - bytes));
    }

    /**
     * Writes a valid split: {@code labels.length} images of {@code rows×columns} where every pixel of image
     * {@code i} is {@code pixelOf(i, p)}.
     */
    static void writeSplit(Path dir, FashionMnist.Split split, int rows, int columns, byte[] labels)
            throws IOException {
        writeGzip(dir.resolve(split.imagesFile()),
                images(IMAGES_MAGIC, labels.length, rows, columns, pixels(labels.length, rows * columns)));
        writeGzip(dir.resolve(split.labelsFile()), labels(LABELS_MAGIC, labels.length, labels));
    }

    /** Writes both splits, valid, into {@code dir}. */
    static Path writeDataset(Path dir, int rows, int columns, byte[] trainLabels, byte[] testLabels)
            throws IOException {
        Files.createDirectories(dir);
        writeSplit(dir, FashionMnist.Split.TRAIN, rows, columns, trainLabels);
        writeSplit(dir, FashionMnist.Split.TEST, rows, columns, testLabels);
        return dir;
    }

    /** Pixels with a known pattern: pixel {@code p} of image {@code i} is {@code pixelOf(i, p)}. */
    static byte[] pixels(int count, int perImage) {
        byte[] pixels = new byte[count * perImage];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < perImage; p++) {
                pixels[i * perImage + p] = (byte) pixelOf(i, p);
            }
        }
        return pixels;
    }

    /** The known pattern, 0 to 255, covering both ends of the range. */
    static int pixelOf(int image, int pixel) {
        return (image * 37 + pixel * 11) % 256;
    }
}
