/**
 * The embedded SQS.
 * <ul>
 * <li>{@code EmbeddedSqs}: ElasticMQ on a loopback port, queues from the template, messages in H2;</li>
 * <li>{@code SqsFront}: Vert.x on the public port, the injected latency and faults in the request's protocol, else
 * forwarded as it came;</li>
 * <li>{@code MessageStore} (the H2 pool, reopened after a full disk), {@code MessageStoreSupervision} (ElasticMQ's
 * store actor kept running after a failed write).</li>
 * </ul>
 * Uses {@code faults} and {@code template}; knows nothing of S3.
 */
package io.sqsextended.chain.local.sqs;
