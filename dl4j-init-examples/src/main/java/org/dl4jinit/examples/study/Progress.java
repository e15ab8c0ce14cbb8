package org.dl4jinit.examples.study;

/** Where the study reports its progress (a console bar, a test's recorder, or nothing). */
public interface Progress {

    /** Reports nothing. */
    Progress NONE = new Progress() {
    };

    /**
     * @param cell  the cell starting
     * @param index its 0-based position
     * @param total the number of cells
     */
    default void cellStarted(Cell cell, int index, int total) {
    }

    /**
     * @param cell       the cell training
     * @param iteration  the 0-based iteration just done
     * @param iterations the cell's budget
     * @param loss       that iteration's loss
     */
    default void iterationDone(Cell cell, int iteration, int iterations, double loss) {
    }

    /** @param result the finished cell */
    default void cellFinished(CellResult result) {
    }
}
