package org.dl4jinit.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dl4jinit.examples.data.IdxFixtures.IMAGES_MAGIC;
import static org.dl4jinit.examples.data.IdxFixtures.LABELS_MAGIC;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistDataTest {

    private static final byte[] LABELS = {3, 0, 9, 3, 7};

    @TempDir
    Path dir;

    private Path trainImages() {
        return dir.resolve("train-images-idx3-ubyte.gz");
    }

    private Path trainLabels() {
        return dir.resolve("train-labels-idx1-ubyte.gz");
    }

    @Test
    void decodesPixelsLabelsAndDimensions() throws IOException {
        IdxFixtures.writeSplit(dir, FashionMnist.Split.TRAIN, 4, 3, LABELS);

        FashionMnistData data = FashionMnistData.load(dir, FashionMnist.Split.TRAIN);

        assertThat(data.size()).isEqualTo(5);
        assertThat(data.rows()).isEqualTo(4);
        assertThat(data.columns()).isEqualTo(3);
        assertThat(data.pixelsPerImage()).isEqualTo(12);
        for (int i = 0; i < 5; i++) {
            assertThat(data.label(i)).isEqualTo(LABELS[i]);
            for (int p = 0; p < 12; p++) {
                assertThat(data.pixel(i, p)).as("image %d pixel %d", i, p).isEqualTo(IdxFixtures.pixelOf(i, p));
            }
        }
        assertThat(data.labelCounts()).containsExactly(1, 0, 0, 2, 0, 0, 0, 1, 0, 1);
        assertThat(data.toString()).isEqualTo("FashionMnistData(5 images of 4x3)");
    }

    @Test
    void readsFullIntensityRangeAsUnsigned() throws IOException {
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.images(IMAGES_MAGIC, 1, 1, 3, new byte[] {0, (byte) 128,
                (byte) 255}));
        IdxFixtures.writeGzip(trainLabels(), IdxFixtures.labels(LABELS_MAGIC, 1, new byte[] {9}));

        FashionMnistData data = FashionMnistData.load(dir, FashionMnist.Split.TRAIN);

        assertThat(new int[] {data.pixel(0, 0), data.pixel(0, 1), data.pixel(0, 2)}).containsExactly(0, 128, 255);
    }

    @Test
    void wrongImageMagicNumberIsNamed() throws IOException {
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.images(1234, 1, 2, 2, new byte[4]));
        IdxFixtures.writeGzip(trainLabels(), IdxFixtures.labels(LABELS_MAGIC, 1, new byte[] {0}));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .isInstanceOf(FashionMnistDataException.class)
                .hasMessage(trainImages() + ": magic number 1234, expected 2051 (IDX unsigned-byte images)");
    }

    @Test
    void labelsFileInPlaceOfImagesIsRejectedByMagicNumber() throws IOException {
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.labels(LABELS_MAGIC, 1, new byte[] {0}));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .hasMessage(trainImages() + ": magic number 2049, expected 2051 (IDX unsigned-byte images)");
    }

    @Test
    void wrongLabelMagicNumberIsNamed() throws IOException {
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.images(IMAGES_MAGIC, 1, 2, 2, new byte[4]));
        IdxFixtures.writeGzip(trainLabels(), IdxFixtures.labels(2051, 1, new byte[] {0}));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .hasMessage(trainLabels() + ": magic number 2051, expected 2049 (IDX unsigned-byte labels)");
    }

    @Test
    void invalidDimensionsAreNamed() throws IOException {
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.images(IMAGES_MAGIC, 1, 0, 28, new byte[0]));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .hasMessage(trainImages() + ": image size 0x28 is invalid, rows and columns must be between 1 and 4096");
    }

    @Test
    void negativeCountIsNamed() throws IOException {
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.images(IMAGES_MAGIC, -5, 28, 28, new byte[0]));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .hasMessage(trainImages() + ": image count -5 is negative");
    }

    @Test
    void truncatedPixelDataIsNamed() throws IOException {
        byte[] full = IdxFixtures.images(IMAGES_MAGIC, 3, 2, 2, new byte[12]);
        IdxFixtures.writeGzip(trainImages(), java.util.Arrays.copyOf(full, full.length - 5));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .hasMessage(trainImages() + ": truncated: the header declares 3 images of 2x2 (12 bytes of pixels)"
                        + " but only 7 bytes follow");
    }

    @Test
    void truncatedHeaderIsNamed() throws IOException {
        IdxFixtures.writeGzip(trainLabels(), new byte[] {0, 0, 8, 1, 0, 0});
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.images(IMAGES_MAGIC, 1, 2, 2, new byte[4]));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .hasMessage(trainLabels() + ": truncated: the file ends inside the 8-byte IDX header");
    }

    @Test
    void truncatedGzipFileIsNamed() throws IOException {
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.images(IMAGES_MAGIC, 50, 28, 28,
                IdxFixtures.pixels(50, 784)));
        IdxFixtures.cut(trainImages(), 100);

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .isInstanceOf(FashionMnistDataException.class)
                .hasMessageStartingWith(trainImages() + ": truncated or corrupt gzip data (")
                .hasCauseInstanceOf(java.io.EOFException.class);
    }

    @Test
    void fileThatIsNotGzipIsNamed() throws IOException {
        Files.write(trainImages(), IdxFixtures.images(IMAGES_MAGIC, 1, 2, 2, new byte[4]));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .hasMessage(trainImages() + ": truncated or corrupt gzip data (Not in GZIP format)");
    }

    @Test
    void trailingDataIsNamed() throws IOException {
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.images(IMAGES_MAGIC, 1, 2, 2, new byte[5]));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .hasMessage(trainImages() + ": unexpected data after the 1 images declared in the header");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TEST))
                .isInstanceOf(FashionMnistDataException.class)
                .hasMessage(dir.resolve("t10k-images-idx3-ubyte.gz") + ": no such file");
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.images(IMAGES_MAGIC, 3, 2, 2, new byte[12]));
        IdxFixtures.writeGzip(trainLabels(), IdxFixtures.labels(LABELS_MAGIC, 2, new byte[] {1, 2}));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .hasMessage(trainLabels() + " has 2 labels but " + trainImages() + " has 3 images");
    }

    @Test
    void labelOutOfRangeIsNamed() throws IOException {
        IdxFixtures.writeGzip(trainImages(), IdxFixtures.images(IMAGES_MAGIC, 3, 2, 2, new byte[12]));
        IdxFixtures.writeGzip(trainLabels(), IdxFixtures.labels(LABELS_MAGIC, 3, new byte[] {1, 9, (byte) 200}));

        assertThatThrownBy(() -> FashionMnistData.load(dir, FashionMnist.Split.TRAIN))
                .hasMessage(trainLabels() + ": label 200 at index 2 is outside 0-9");
    }

    @Test
    void ofValidatesAndCopies() {
        byte[] pixels = {1, 2, 3, 4};
        FashionMnistData data = FashionMnistData.of(2, 1, pixels, new byte[] {4, 5});
        pixels[0] = 99;

        assertThat(data.pixel(0, 0)).isEqualTo(1);
        assertThatThrownBy(() -> FashionMnistData.of(2, 2, new byte[6], new byte[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("6 pixel bytes do not hold 2 images of 2x2");
        assertThatThrownBy(() -> FashionMnistData.of(1, 1, new byte[1], new byte[] {10}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 10 at index 0 is outside 0-9");
        assertThatThrownBy(() -> FashionMnistData.of(0, 1, new byte[0], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rows and columns must be > 0, were 0x1");
    }
}
