package org.dl4jinit.spark.sweep;

import java.util.regex.Pattern;

/** Checks Spark master URLs before a context is created, with a message that names the accepted forms. */
final class SparkMasters {

    private static final String N = "[1-9][0-9]*";
    private static final Pattern MASTER = Pattern.compile("local|local\\[(\\*|" + N + ")(," + N + ")?]"
            + "|local-cluster\\[" + N + "," + N + "," + N + "]"
            + "|spark://[^\\s:/,]+:" + N + "(,[^\\s:/,]+:" + N + ")*"
            + "|yarn|k8s://\\S+|mesos://\\S+");

    private SparkMasters() {
    }

    /**
     * @param master the value given
     * @return master
     * @throws IllegalArgumentException naming the value and the forms Spark accepts
     */
    static String require(String master) {
        if (master == null || !MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("Spark master must be local, local[N], local[*], local[N,F], "
                    + "local-cluster[N,C,MB], spark://HOST:PORT, yarn, k8s://URL or mesos://URL, was "
                    + (master == null ? "null" : "\"" + master + "\""));
        }
        return master;
    }
}
