/**
 * The Gradient Health page (dl4j-init-ui) in action: {@link org.dl4jinit.examples.ui.GradientHealthUiDemo} trains
 * on Fashion-MNIST with the health listener recording into a storage attached to DL4J's UI server and prints the
 * page's URL.
 */
package org.dl4jinit.examples.ui;
