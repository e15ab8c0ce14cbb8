package org.dl4jinit.bench;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;

/** This library's initializer and DL4J's built-in for the same distribution, with their JMH method names. */
enum FillPair {
    /** N(0, 2/fanIn). */
    HE("He-normal `new HeInit()`", new HeInit(), "DL4J `WeightInit.RELU`", WeightInit.RELU, "he"),
    /** N(0, 2/(fanIn+fanOut)). */
    XAVIER_NORMAL("Xavier-normal `XavierInit.normal()`", XavierInit.normal(), "DL4J `WeightInit.XAVIER`",
            WeightInit.XAVIER, "xavierNormal"),
    /** U(±sqrt(6/(fanIn+fanOut))). */
    XAVIER_UNIFORM("Xavier-uniform `XavierInit.uniform()`", XavierInit.uniform(), "DL4J `WeightInit.XAVIER_UNIFORM`",
            WeightInit.XAVIER_UNIFORM, "xavierUniform");

    final String oursLabel;
    final IWeightInit ours;
    final String dl4jLabel;
    final IWeightInit dl4j;
    /** Prefix of the JMH methods: {@code <prefix>Ours} and {@code <prefix>Dl4j}. */
    final String methodPrefix;

    FillPair(String oursLabel, IWeightInit ours, String dl4jLabel, WeightInit dl4j, String methodPrefix) {
        this.oursLabel = oursLabel;
        this.ours = ours;
        this.dl4jLabel = dl4jLabel;
        this.dl4j = dl4j.getWeightInitFunction();
        this.methodPrefix = methodPrefix;
    }
}
