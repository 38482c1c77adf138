/**
 * The runnable service: {@link dev.marquee.apps.serve.ServeMain} reads config, starts
 * {@code serving}'s {@link dev.marquee.serving.Service} and attaches {@code deploy}'s pod version
 * reporter when it runs in a Kubernetes pod. The {@code marquee-serving} image's entry point.
 */
package dev.marquee.apps.serve;
