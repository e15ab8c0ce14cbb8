package org.dl4jinit.examples.cli;

import org.dl4jinit.examples.study.StudyInit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses an initializer name ({@link StudyInit#parse}); an unknown name lists the accepted ones. */
public final class StudyInitConverter implements ITypeConverter<StudyInit> {

    @Override
    public StudyInit convert(String value) {
        try {
            return StudyInit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
