package org.dl4jinit.examples.study;

/**
 * One cell of the study: an architecture started by one initializer.
 *
 * @param architecture the network
 * @param init         the initializer
 */
public record Cell(Architecture architecture, StudyInit init) {

    /** Validates the arguments. */
    public Cell {
        if (architecture == null || init == null) {
            throw new IllegalArgumentException("architecture and init must not be null, were " + architecture
                    + " and " + init);
        }
    }

    /** @return e.g. {@code relu-30x256/he} */
    public String id() {
        return architecture.id() + "/" + init.cliName();
    }
}
