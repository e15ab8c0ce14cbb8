/**
 * dl4j-init's runnable side: the {@code dl4j-init} command line ({@link org.dl4jinit.examples.cli}), the initializer
 * study ({@link org.dl4jinit.examples.study}), the Fashion-MNIST reader ({@link org.dl4jinit.examples.data}), the
 * sweep the {@code sweep} command runs ({@link org.dl4jinit.examples.sweep}), and two small demos without options,
 * each with a script in the distribution's {@code bin/}: {@link org.dl4jinit.examples.FashionMnistMlp} (an MLP
 * initialized with {@link org.dl4jinit.init.HeInit}) and {@link org.dl4jinit.examples.LsuvFashionMnist} (a 20-layer
 * tanh MLP with and without LSUV).
 */
package org.dl4jinit.examples;
