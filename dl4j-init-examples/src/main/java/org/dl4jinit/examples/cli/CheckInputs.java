package org.dl4jinit.examples.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dl4jinit.examples.data.FashionMnistData;
import org.dl4jinit.examples.data.PixelScaling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code check} feeds a network that takes Fashion-MNIST: the pixel intensities b (0 to 255) scaled as the
 * network was trained, since a network trained on one scale can look unhealthy on another.
 *
 * <ol>
 *   <li>{@code --inputs standardized|unit|raw}, when given: (b/255 − mean)/std with the training split's mean and
 *       std, b/255 in [0, 1], or b in [0, 255].</li>
 *   <li>Otherwise the normalizer stored in a {@code ModelSerializer} zip ({@code normalizer.bin}), fed the pixel
 *       range it was fitted on: [0, maxPixelVal] for an {@code ImagePreProcessingScaler}; [0, 255] for a
 *       {@code NormalizerStandardize} whose means, or a {@code NormalizerMinMaxScaler} whose maxima, exceed 1
 *       (statistics of raw pixels); [0, 1] otherwise.</li>
 *   <li>Otherwise standardized pixels.</li>
 * </ol>
 * The choice is printed with the report.
 */
final class CheckInputs {

    /** The {@code --inputs} choices. */
    enum Scaling {
        /** (b/255 − mean)/std, the training split's statistics. */
        STANDARDIZED,
        /** b/255, in [0, 1]. */
        UNIT,
        /** b, in [0, 255]. */
        RAW;

        /** @return the option value, e.g. "unit" */
        String optionValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code --inputs}: the lower-case names. */
        static final class Converter implements ITypeConverter<Scaling> {
            @Override
            public Scaling convert(String value) {
                for (Scaling s : values()) {
                    if (s.optionValue().equals(value)) {
                        return s;
                    }
                }
                throw new TypeConversionException("unknown input scaling '" + value + "': expected one of "
                        + NAMES);
            }
        }
    }

    /** The accepted {@code --inputs} values, comma-separated. */
    static final String NAMES = Arrays.stream(Scaling.values()).map(Scaling::optionValue)
            .collect(Collectors.joining(", "));

    /**
     * @param scaling     pixels to network inputs, before the normalizer
     * @param normalizer  applied after the scaling, if present
     * @param description the choice in words, for the report
     */
    record Choice(PixelScaling scaling, Optional<DataNormalization> normalizer, String description) {
    }

    private CheckInputs() {
    }

    /**
     * @param option the {@code --inputs} value, or null if not given
     * @param stored the model's stored normalizer, if any
     * @param train  the training split, for the standardization statistics
     * @return how to scale the pixels
     */
    static Choice choose(Scaling option, Optional<DataNormalization> stored, FashionMnistData train) {
        String ignored = stored.map(n -> "; the model's stored " + n.getClass().getSimpleName()
                + " is not applied (--inputs given)").orElse("");
        if (option != null) {
            return fixed(option, train, "--inputs " + option.optionValue() + ignored);
        }
        if (stored.isPresent()) {
            DataNormalization n = stored.get();
            double top = fittedRange(n);
            PixelScaling scaling = PixelScaling.of(0.0, 1.0 / top);
            return new Choice(scaling, stored, "pixels in [0, " + number(top) + "] through the model's stored "
                    + n.getClass().getSimpleName());
        }
        return fixed(Scaling.STANDARDIZED, train, "no normalizer stored with the model; --inputs unit or raw for a "
                + "model trained on [0, 1] or [0, 255] pixels");
    }

    private static Choice fixed(Scaling scaling, FashionMnistData train, String why) {
        switch (scaling) {
            case UNIT:
                return new Choice(PixelScaling.unitRange(), Optional.empty(), "pixels b/255 in [0, 1] (" + why + ")");
            case RAW:
                return new Choice(PixelScaling.of(0.0, 1.0 / 255), Optional.empty(),
                        "raw pixels b in [0, 255] (" + why + ")");
            default:
                PixelScaling s = PixelScaling.standardize(train);
                return new Choice(s, Optional.empty(), String.format(Locale.ROOT,
                        "standardized pixels (b/255 - %.4f) / %.4f, the training split's mean and std (%s)",
                        s.mean(), s.std(), why));
        }
    }

    /** The top of the pixel range a normalizer was fitted on: 255 for raw-pixel statistics, else 1. */
    static double fittedRange(DataNormalization n) {
        if (n instanceof ImagePreProcessingScaler) {
            return ((ImagePreProcessingScaler) n).getMaxPixelVal();
        }
        INDArray stats = n instanceof NormalizerStandardize ? ((NormalizerStandardize) n).getMean()
                : n instanceof NormalizerMinMaxScaler ? ((NormalizerMinMaxScaler) n).getMax() : null;
        return stats != null && stats.maxNumber().doubleValue() > 1.0 ? 255.0 : 1.0;
    }

    private static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
