/**
 * Data-dependent initialization: LSUV and auto-init.
 *
 * <h2>LSUV</h2>
 * Layer-sequential unit-variance initialization (D. Mishkin &amp; J. Matas, "All you need is a good init",
 * ICLR 2016, arXiv:1511.06422, Algorithm 1):
 * <pre>
 *  Pre-initialize the weights with orthonormal matrices (Saxe et al. 2014)
 *  for each layer L, in forward order:
 *      while |Var(B_L) − 1| ≥ tolerance and iterations &lt; T_max:
 *          forward a mini-batch; compute Var(B_L)
 *          W_L ← W_L / sqrt(Var(B_L))
 * </pre>
 * {@link org.dl4jinit.lsuv.Lsuv} implements it for {@code MultiLayerNetwork} and {@code ComputationGraph}
 * (layers in topological order) with the paper's defaults: tolerance 0.1, at most 10 iterations, orthogonal
 * pre-initialization ({@link org.dl4jinit.init.OrthogonalInit}, configurable, or none to keep the current
 * weights).
 *
 * <h3>Choices, documented</h3>
 * <ul>
 *   <li><b>Which output.</b> B_L is the output blob of the convolution or inner-product layer, i.e. the
 *       <em>pre-activation</em> {@code z = W·x + b}; the paper describes LSUV as "orthonormal initialization
 *       combined with batch normalization performed only on the first mini-batch", and batch normalization
 *       normalizes z. DL4J applies the activation inside the layer and keeps {@code preOutput} protected, so
 *       the layer is forwarded with its activation temporarily replaced by the identity (restored in a
 *       {@code finally}); the activation is then applied once to z to feed the next layer. The variance is
 *       over all values of z (examples × units, × positions for convolutions), population form (divide by n).
 *       </li>
 *   <li><b>Efficiency.</b> The network is forwarded once, layer by layer; each layer's input is cached, and
 *       only that layer is re-run while it is rescaled. With zero biases one rescaling makes Var(z) = 1
 *       exactly, so a layer costs about two of its forward passes plus one variance each.</li>
 *   <li><b>Which weights.</b> The parameter {@code W} of dense, output and convolution layers (any DL4J
 *       {@code BaseLayer} with a {@code W}, e.g. embeddings too). Biases are left as initialized (the paper
 *       keeps them zero; DL4J's default bias is 0). Layers without weights (pooling, activation, dropout,
 *       batch normalization, graph vertices) are forwarded and reported as SKIPPED with the reason.</li>
 *   <li><b>Recurrent layers</b> (LSTM, GravesLSTM, SimpleRnn): their output is not linear in the input weights
 *       (gates, the recurrent term), so B_L is taken as the input projection {@code x·W} over every example
 *       and time step, which is linear in W: one rescaling gives it unit variance. The recurrent weights
 *       {@code RW} keep their initialization (pair with {@link org.dl4jinit.init.OrthogonalInit} or
 *       {@link org.dl4jinit.init.IdentityInit} through {@code weightInitRecurrent}).</li>
 *   <li><b>Output layers</b> are rescaled like any weighted layer: unit-variance logits.</li>
 *   <li><b>Dead layers.</b> If Var(z) ≤ {@link org.dl4jinit.lsuv.Lsuv#DEAD_VARIANCE} (e.g. a zero input or
 *       zero weights), the layer is SKIPPED with the measured variance and no division happens; an output of
 *       fewer than two values is skipped the same way. Weights are never made NaN or infinite.</li>
 *   <li><b>Bad data.</b> Features with NaN or infinite values, a null or empty batch, or an empty iterator
 *       throw {@link java.lang.IllegalArgumentException} before any weight is touched. A batch of one example
 *       is allowed: the variance is then taken over the units (and positions) of that example.</li>
 *   <li><b>Reproducibility.</b> Before pre-initialization ND4J's RNG is seeded with the network's configured
 *       seed (or the builder's {@code seed}), as {@code net.init()} does; the rest is deterministic. Two
 *       identical networks and batches give identical weights.</li>
 *   <li><b>Side effects.</b> Only the {@code W} parameters change; biases, updater state and listeners are
 *       untouched, and the network's cached inputs are cleared afterwards. Dropout is not applied
 *       (inference-mode forward passes); masks are not used.</li>
 * </ul>
 *
 * <h2>Auto-init</h2>
 * {@link org.dl4jinit.lsuv.AutoInit} picks each layer's initializer from its activation; see its table.
 */
package org.dl4jinit.lsuv;
