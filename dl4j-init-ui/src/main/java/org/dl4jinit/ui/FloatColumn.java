package org.dl4jinit.ui;

import java.io.IOException;
import org.nd4j.shade.jackson.core.JsonGenerator;
import org.nd4j.shade.jackson.databind.JsonSerializable;
import org.nd4j.shade.jackson.databind.SerializerProvider;
import org.nd4j.shade.jackson.databind.jsontype.TypeSerializer;

/**
 * One column of a row-major float table written as a JSON array without boxing: {@code values[offset + i·step]}
 * for {@code i < length}, non-finite values as {@code null} (JSON has no NaN).
 */
final class FloatColumn implements JsonSerializable {

    private final float[] values;
    private final int offset;
    private final int step;
    private final int length;

    FloatColumn(float[] values, int offset, int step, int length) {
        this.values = values;
        this.offset = offset;
        this.step = step;
        this.length = length;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeStartArray();
        for (int i = 0; i < length; i++) {
            float v = values[offset + i * step];
            if (Float.isFinite(v)) {
                gen.writeNumber(v);
            } else {
                gen.writeNull();
            }
        }
        gen.writeEndArray();
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        serialize(gen, serializers);
    }
}
