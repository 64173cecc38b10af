/**
 * This machine's network ports: {@link io.sqsextended.chain.net.Ports} checks that a configured port can be bound
 * and picks free ones for servers set to 0. Used by {@code config} (the app's HTTP servers) and {@code local} (the
 * embedded S3 and SQS); imports nothing of the app.
 */
package io.sqsextended.chain.net;
