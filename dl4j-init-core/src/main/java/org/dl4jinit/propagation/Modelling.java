package org.dl4jinit.propagation;

/** How a layer's prediction was made. */
public enum Modelling {
    /** By the mean-field recursion, from the configuration alone. */
    MODELLED,
    /** By the mean-field recursion with a stated approximation (see the layer's note). */
    APPROXIMATED,
    /**
     * Not modelled (e.g. a recurrent layer): its output is the value given with
     * {@link PropagationOptions.Builder#assumeOutput} or, without one, its input passed through; the analysis
     * continues from there and the note says which.
     */
    ASSUMED
}
