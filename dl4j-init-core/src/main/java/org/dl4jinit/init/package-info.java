/**
 * Weight initializers for Deeplearning4j: drop-in {@link org.deeplearning4j.nn.weights.IWeightInit}
 * implementations such as {@code .weightInit(new HeInit())}.
 *
 * <h2>Contract shared by every initializer</h2>
 * <ul>
 *   <li>It fills DL4J's flat {@code paramView} in place and returns {@code paramView.reshape(order, shape)},
 *       exactly as DL4J's built-in initializers do.</li>
 *   <li>Random draws come from ND4J's global RNG ({@code Nd4j.getRandom()}), which
 *       {@code MultiLayerNetwork.init()} and {@code ComputationGraph.init()} seed from the configuration's
 *       {@code seed}: the same seed gives the same weights.</li>
 *   <li>It is immutable, validates its configuration in the constructor (an {@link IllegalArgumentException}
 *       naming the parameter, the value and the rule) and round-trips through DL4J's JSON and
 *       {@code ModelSerializer} with {@code equals}.</li>
 *   <li>What depends on the network is checked in {@code init}, when DL4J hands over the weight: its shape, and
 *       whether the weights are representable in the network's data type. An argument whose weights would be
 *       infinite (e.g. {@code new NormalInit(0, 1e39)} in a FLOAT network: the largest FLOAT is 3.4e38; a normal
 *       draw counts as reaching 16 standard deviations) or would all underflow to zero is rejected, naming the
 *       initializer with its arguments; any argument the type can hold gives finite, correct weights.</li>
 *   <li>Every error raised in {@code init} says which DL4J layer type and weight was being initialized ("... (DL4J
 *       was initializing the depthwise FLOAT weight [3, 3, 8, 2] of a DepthwiseConvolution2D)"). DL4J does not
 *       pass the layer's index or name; {@link NetworkInit#init(org.deeplearning4j.nn.multilayer.MultiLayerNetwork)}
 *       is {@code net.init()} with them added ("layer 2 ("dw"): ...").</li>
 *   <li>Read from JSON, it is exactly what the file says or an error naming the property: a {@code null} or
 *       missing number is reported as such (not read as 0), an integer parameter rejects {@code 2.5} (not
 *       truncated), and an unknown property is an error listing the initializer's properties. DL4J's mapper
 *       ignores unknown properties everywhere else in a configuration, and still does; only the initializers are
 *       strict, because a property they skipped would silently change the weights. Configurations written by
 *       DL4J with these initializers (the files under {@code src/test/resources/golden}) load unchanged.</li>
 * </ul>
 *
 * <h2>DL4J's fan conventions</h2>
 * DL4J computes {@code fanIn}/{@code fanOut} per layer type and passes them to {@code init}:
 * <table>
 *   <caption>fans passed by DL4J 1.0.0-M2.1</caption>
 *   <tr><th>layer</th><th>weight shape</th><th>fanIn</th><th>fanOut</th></tr>
 *   <tr><td>Dense, Output</td><td>[nIn, nOut], order 'f'</td><td>nIn</td><td>nOut</td></tr>
 *   <tr><td>Convolution2D</td><td>[nOut, nIn, kH, kW], order 'c'</td><td>nIn·kH·kW</td>
 *       <td>nOut·kH·kW / (sH·sW)</td></tr>
 *   <tr><td>LSTM (input and recurrent weights)</td><td>[nIn, 4·nOut], [nOut, 4·nOut]</td><td>nOut</td>
 *       <td>nIn + nOut</td></tr>
 * </table>
 * The variance-scaling family ({@link VarianceScalingInit}, {@link XavierInit}, {@link HeInit},
 * {@link LeCunInit}) uses these fans as given, so its variances follow DL4J's convention (for an LSTM,
 * "fan_in" is nOut). The structural initializers ({@link OrthogonalInit}, {@link IdentityInit},
 * {@link DiracInit}, {@link DeltaOrthogonalInit}, {@link SparseInit}) ignore the fans and work from the
 * shape. The fixed-distribution ones ({@link ZeroInit}, {@link ConstantInit}, {@link SmallRandomInit},
 * {@link UniformInit}, {@link NormalInit}, {@link TruncatedNormalInit}) ignore both.
 */
package org.dl4jinit.init;
