/**
 * This machine's network ports: {@code Ports} checks that a configured port can be bound and picks free ones for
 * servers set to 0. Used by {@code config} (the app's HTTP servers) and {@code local} (the embedded S3 and SQS);
 * imports nothing of the app.
 */
package io.sqsextended.chain.net;
