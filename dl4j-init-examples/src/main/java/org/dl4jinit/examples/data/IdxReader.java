package org.dl4jinit.examples.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads gzip-compressed IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST
 * (LeCun, Cortes &amp; Burges, "The MNIST database of handwritten digits", http://yann.lecun.com/exdb/mnist/).
 *
 * <p>An IDX file is a big-endian header followed by the data, row-major: the magic number
 * {@code 0x00000803} = 2051 (unsigned bytes, 3 dimensions) then count, rows and columns for images;
 * {@code 0x00000801} = 2049 (unsigned bytes, 1 dimension) then count for labels. Every check fails with a
 * {@link FashionMnistDataException} whose message starts with the file and says what is wrong.
 */
final class IdxReader {

    /** Magic number of an IDX file of unsigned-byte images: type 0x08, 3 dimensions. */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels: type 0x08, 1 dimension. */
    static final int LABELS_MAGIC = 0x00000801;
    /** Largest accepted image side; guards against allocating from a corrupt header. */
    static final int MAX_SIDE = 4096;

    private static final int BUFFER_SIZE = 1 << 16;

    /** Decoded images: {@code count} images of {@code rows × columns} bytes, row-major, image after image. */
    record Images(int count, int rows, int columns, byte[] pixels) {
    }

    private IdxReader() {
    }

    /**
     * Reads a gzip IDX file of unsigned-byte images.
     *
     * @param file the {@code .gz} file
     * @return the images
     * @throws FashionMnistDataException if the file is missing, unreadable, not gzip, or not valid IDX images
     */
    static Images readImages(Path file) throws FashionMnistDataException {
        try (InputStream in = open(file)) {
            int magic = readInt(in, file, 16);
            if (magic != IMAGES_MAGIC) {
                throw new FashionMnistDataException(
                        file + ": magic number " + magic + ", expected " + IMAGES_MAGIC + " (IDX unsigned-byte images)");
            }
            int count = readInt(in, file, 16);
            int rows = readInt(in, file, 16);
            int columns = readInt(in, file, 16);
            if (count < 0) {
                throw new FashionMnistDataException(file + ": image count " + count + " is negative");
            }
            if (rows < 1 || rows > MAX_SIDE || columns < 1 || columns > MAX_SIDE) {
                throw new FashionMnistDataException(file + ": image size " + rows + "x" + columns
                        + " is invalid, rows and columns must be between 1 and " + MAX_SIDE);
            }
            long bytes = (long) count * rows * columns;
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new FashionMnistDataException(file + ": " + count + " images of " + rows + "x" + columns
                        + " are " + bytes + " bytes, more than one Java array holds");
            }
            byte[] pixels = new byte[(int) bytes];
            int read = in.readNBytes(pixels, 0, pixels.length);
            if (read < pixels.length) {
                throw new FashionMnistDataException(file + ": truncated: the header declares " + count + " images of "
                        + rows + "x" + columns + " (" + bytes + " bytes of pixels) but only " + read + " bytes follow");
            }
            requireEnd(in, file, count + " images");
            return new Images(count, rows, columns, pixels);
        } catch (FashionMnistDataException e) {
            throw e;
        } catch (IOException e) {
            throw readError(file, e);
        }
    }

    /**
     * Reads a gzip IDX file of unsigned-byte labels. Values are returned as stored; range checks belong to the
     * caller, who knows the number of classes.
     *
     * @param file the {@code .gz} file
     * @return one byte per example
     * @throws FashionMnistDataException if the file is missing, unreadable, not gzip, or not valid IDX labels
     */
    static byte[] readLabels(Path file) throws FashionMnistDataException {
        try (InputStream in = open(file)) {
            int magic = readInt(in, file, 8);
            if (magic != LABELS_MAGIC) {
                throw new FashionMnistDataException(
                        file + ": magic number " + magic + ", expected " + LABELS_MAGIC + " (IDX unsigned-byte labels)");
            }
            int count = readInt(in, file, 8);
            if (count < 0) {
                throw new FashionMnistDataException(file + ": label count " + count + " is negative");
            }
            byte[] labels = new byte[count];
            int read = in.readNBytes(labels, 0, count);
            if (read < count) {
                throw new FashionMnistDataException(file + ": truncated: the header declares " + count
                        + " labels but only " + read + " bytes follow");
            }
            requireEnd(in, file, count + " labels");
            return labels;
        } catch (FashionMnistDataException e) {
            throw e;
        } catch (IOException e) {
            throw readError(file, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE), BUFFER_SIZE);
    }

    private static int readInt(InputStream in, Path file, int headerBytes) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        if ((b0 | b1 | b2 | b3) < 0) {
            throw new FashionMnistDataException(
                    file + ": truncated: the file ends inside the " + headerBytes + "-byte IDX header");
        }
        return (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
    }

    private static void requireEnd(InputStream in, Path file, String declared) throws IOException {
        if (in.read() >= 0) {
            throw new FashionMnistDataException(
                    file + ": unexpected data after the " + declared + " declared in the header");
        }
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static FashionMnistDataException readError(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new FashionMnistDataException(file + ": no such file", e);
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            if (isEmpty(file)) {
                return new FashionMnistDataException(file + ": the file is empty (0 bytes), expected gzip-compressed "
                        + "IDX data", e);
            }
            return new FashionMnistDataException(file + ": truncated or corrupt gzip data ("
                    + (e.getMessage() == null ? "the gzip stream ends early" : e.getMessage()) + ")", e);
        }
        return new FashionMnistDataException(file + ": cannot be read (" + e + ")", e);
    }
}
