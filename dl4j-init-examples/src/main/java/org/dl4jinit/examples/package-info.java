/**
 * Runnable examples of dl4j-init, e.g. {@link org.dl4jinit.examples.FashionMnistMlp}, an MLP initialized with
 * {@link org.dl4jinit.init.HeInit} on Fashion-MNIST read from local files ({@link org.dl4jinit.examples.data}).
 */
package org.dl4jinit.examples;
