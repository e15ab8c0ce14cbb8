package org.dl4jinit.sweep;

import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * For Arbiter's JSON mapper.
     *
     * @throws IllegalArgumentException if the type is missing or not an enum, the names are missing or empty, or
     *                                  a name is null or not a constant of the type
     */
    @JsonCreator
    static <E extends Enum<E>> EnumValues<E> fromJson(@JsonProperty("type") Class<E> type,
            @JsonProperty("values") List<String> names) {
        if (type == null || !type.isEnum()) {
            throw new IllegalArgumentException("enum values must name an enum type, was "
                    + (type == null ? "null" : type.getName()));
        }
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException(type.getSimpleName() + " values must not be empty, was " + names);
        }
        List<E> values = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            E e = null;
            for (E c : type.getEnumConstants()) {
                if (c.name().equals(n)) {
                    e = c;
                }
            }
            if (e == null) {
                throw new IllegalArgumentException(type.getSimpleName() + " value at index " + i + " must be one of "
                        + Arrays.toString(type.getEnumConstants()) + ", was " + (n == null ? "null" : "\"" + n + "\""));
            }
            values.add(e);
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
