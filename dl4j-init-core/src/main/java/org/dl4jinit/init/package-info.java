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
