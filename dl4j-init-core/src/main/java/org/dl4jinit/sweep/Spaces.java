package org.dl4jinit.sweep;

/** Argument checks shared by the sweep package. */
final class Spaces {

    private Spaces() {
    }

    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
