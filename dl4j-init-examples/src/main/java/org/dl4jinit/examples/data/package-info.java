/**
 * Fashion-MNIST for the examples, read offline from the four gzip IDX files (Xiao, Rasul &amp; Vollgraf,
 * arXiv:1708.07747): no download, no {@code deeplearning4j-datasets}.
 *
 * <ul>
 *   <li>{@link org.dl4jinit.examples.data.FashionMnistDirectory} finds the files: {@code --data DIR}, else
 *       {@code $FASHION_MNIST_DIR}, else {@code /usr/share/datasets/fashion-mnist} (Debian package
 *       {@code dataset-fashion-mnist}).</li>
 *   <li>{@link org.dl4jinit.examples.data.FashionMnistData#load} decodes and validates one split into bytes
 *       (magic numbers 2051/2049, dimensions, truncation, matching counts, labels 0 to 9).</li>
 *   <li>{@link org.dl4jinit.examples.data.FashionMnistIterator} serves DL4J batches: features
 *       {@code [batch, 784]} scaled by a {@link org.dl4jinit.examples.data.PixelScaling}, one-hot labels
 *       {@code [batch, 10]}, seeded per-epoch shuffling.</li>
 * </ul>
 * Every data problem is one {@link org.dl4jinit.examples.data.FashionMnistDataException} whose message names the
 * file or directory and what is wrong.
 */
package org.dl4jinit.examples.data;
