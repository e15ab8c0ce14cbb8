/**
 * Signal-propagation analysis: what the health listener will measure at the first iteration, predicted from a
 * configuration alone, with no network built and nothing run forward.
 *
 * <pre>{@code
 * PropagationReport r = SignalPropagation.analyze(conf, 1.0);     // standardized inputs
 * System.out.println(r.toTable());
 * CriticalGain.solve(new ActivationTanH(), 0.05).weightVariance() // the edge of chaos: σ_w² ≈ 1.76
 * }</pre>
 *
 * <h2>The theory</h2>
 * With weights of variance {@code σ_w²/fanIn} and biases of variance σ_b², the pre-activations of a wide layer are
 * Gaussian and their variance follows the map (Poole, Lahiri, Raghu, Sohl-Dickstein &amp; Ganguli, "Exponential
 * expressivity in deep neural networks through transient chaos", NIPS 2016, eq. 3)
 * <pre>  q_l = σ_w² · E_{z~N(0,1)}[φ(√q_{l−1} z)²] + σ_b²</pre>
 * and two inputs' covariance follows the same map with a bivariate Gaussian (their eq. 5). Back-propagated errors
 * grow or shrink by the gain {@code χ = σ_w² · E[φ'(√q z)²]} per layer: χ &lt; 1 vanishes, χ &gt; 1 explodes,
 * χ = 1 at the fixed point q* is the edge of chaos where deep networks train (Schoenholz, Gilmer, Ganguli &amp;
 * Sohl-Dickstein, "Deep information propagation", ICLR 2017, eq. 5 and §3). Orthogonal weights have the same
 * second moments (and better-conditioned Jacobians: Pennington, Schoenholz &amp; Ganguli, "Resurrecting the
 * sigmoid in deep learning through dynamical isometry", NIPS 2017); the analysis uses their variance
 * gain²/max(rows, cols). Mean field is exact only for infinite width: one weight draw of a finite layer wanders
 * around the prediction, by a relative variance that adds up with depth (for ReLU and one input about 5/width per
 * layer in log-variance: Hanin &amp; Rolnick, "How to start training: the effect of initialization and
 * architecture", NeurIPS 2018).
 *
 * <h2>What is computed, per layer ({@link org.dl4jinit.propagation.LayerPrediction})</h2>
 * <ul>
 *   <li>The listener's figures, in its units ({@link org.dl4jinit.health.Figure}): activation mean and std, the
 *       fractions of values exactly zero and saturated and of units dead or saturated for every observed value
 *       (by {@link org.dl4jinit.health.ActivationFamily#saturationSide}, the listener's own definition), the
 *       activation std over the input's, the weight-gradient RMS and norm and their ratio to the top layer's, the
 *       first update:parameter ratio (predicted, not judged: it depends on the learning rate and the first batch's
 *       labels). Verdicts come from the listener's rules and thresholds
 *       ({@link org.dl4jinit.health.HealthThresholds#judge}), so the same figure gets the same verdict.</li>
 *   <li>The mean-field quantities: σ_w², q, χ and the cumulative gain from the top, and a finite-width band
 *       around the activation std (± {@link org.dl4jinit.propagation.PropagationOptions#band()} standard deviations
 *       of log std).</li>
 * </ul>
 *
 * <h2>How</h2>
 * <ul>
 *   <li>Weights: this library's initializers by their own variance formulas; DL4J's {@code WeightInit} values by
 *       their formulas with the factors DL4J really draws (3/fan for {@code LECUN_UNIFORM} and
 *       {@code VAR_SCALING_UNIFORM_*}, 0.7737/fan for the truncated normals); any other initializer drawn once and
 *       measured. Biases are DL4J's constant {@code biasInit}: the pre-activation's mean.</li>
 *   <li>Activations: Gaussian expectations of the activation function itself ({@code IActivation.getActivation}
 *       and {@code backprop}, so a custom activation works) on composite Gauss–Legendre panels whose breakpoints
 *       include the function's kinks and region boundaries ({@link org.dl4jinit.propagation.GaussianRule} says why
 *       not one Gauss–Hermite rule); two-point moments by Mehler's formula; the fractions of zero and saturated
 *       values as exact Gaussian masses of the sets where the function, computed in the network's data type, is
 *       zero or saturated (so float underflow is predicted: a 30-layer ReLU net initialized with N(0,1)·0.001 is
 *       exactly zero from layer 23 on, counting from 0).</li>
 *   <li>The input: assumed ({@link org.dl4jinit.propagation.InputMoments#ofVariance}) or measured — per-example
 *       second moments, cross-example products overall and within classes, adjacent-pixel products — from a sample
 *       or the very batch; a reduction of the data, not a forward pass.</li>
 *   <li>Layers: dense, output, embedding and convolution layers (fan-in nIn·kernel, padding counted per output
 *       position), max and average pooling (windows as equicorrelated values), global pooling, batch normalization
 *       (in training mode, per-unit over the batch), dropout on a layer's input and dropout layers, activation
 *       layers; graph vertices: element-wise add, subtract, average and product, merge, scale, shift,
 *       preprocessors. Anything else is reported as {@link org.dl4jinit.propagation.Modelling#ASSUMED} and the
 *       analysis continues with its input passed through or a measured output given with
 *       {@link org.dl4jinit.propagation.PropagationOptions.Builder#assumeOutput}; every approximation is stated in
 *       the layer's note.</li>
 *   <li>Backward: the mean square of the error at each pre-activation, from the loss (softmax cross-entropy at
 *       initialization: δ = p − y) down through every layer, with its correlation between two examples of one
 *       class and of different classes; the weight gradient sums x·δ over the batch, forward and backward signals
 *       independent (the gradient-independence assumption of Schoenholz et al. 2017).</li>
 * </ul>
 *
 * <h2>Limits (measured; see docs/propagation.md)</h2>
 * Activation std of the study's MLPs within 2% (tanh, sigmoid) given the batch's input moments; of a CNN and a
 * residual graph within 7% (mean of four draws). Weight-gradient RMS within 20% for plain dense layers; convolution
 * weight gradients 50–60% low (within-example spatial correlations are not tracked) and weights inside residual
 * blocks up to 30% low (skip connections correlate a unit's mask and its error). Recurrent layers, attention,
 * locally connected and separable/depthwise/transposed convolutions are not modelled.
 *
 * <h2>Auto-init</h2>
 * {@link org.dl4jinit.lsuv.AutoInit} does not use {@link org.dl4jinit.propagation.CriticalGain}: its reasons are
 * in its documentation.
 */
package org.dl4jinit.propagation;
