/**
 * The Gradient Health page for the Deeplearning4j training UI (deeplearning4j-vertx, 1.0.0-M2.1).
 *
 * <p>{@link org.dl4jinit.ui.GradientHealthModule} is found by the UI server through
 * {@code META-INF/services/org.deeplearning4j.ui.api.UIModule} when the server starts: putting this module's jar
 * on the classpath of the JVM that calls {@code UIServer.getInstance()} is enough.
 */
package org.dl4jinit.ui;
