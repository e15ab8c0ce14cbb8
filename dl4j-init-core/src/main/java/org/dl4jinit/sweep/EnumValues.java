package org.dl4jinit.sweep;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A {@link DiscreteParameterSpace} over enum constants that survives Arbiter's JSON: the plain space writes
 * enum values as bare strings and reads them back as strings (its element type is erased), so a restored
 * {@code DiscreteParameterSpace<FanMode>} would hand out Strings. This one also records the enum class and
 * converts back. Created by {@link SweepParameters#values} for two or more enum values.
 *
 * @param <E> the enum type
 */
public final class EnumValues<E extends Enum<E>> extends DiscreteParameterSpace<E> {

    private final Class<E> type;

    EnumValues(Class<E> type, List<E> values) {
        super(values);
        this.type = type;
    }

    @JsonCreator
    static <E extends Enum<E>> EnumValues<E> fromJson(@JsonProperty("type") Class<E> type,
            @JsonProperty("values") List<String> names) {
        List<E> values = new ArrayList<>(names.size());
        for (String n : names) {
            values.add(Enum.valueOf(type, n));
        }
        return new EnumValues<>(type, values);
    }

    /** @return the enum class */
    public Class<E> type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumValues && type.equals(((EnumValues<?>) o).type) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + type.hashCode();
    }
}
