/**
 * The embedded SQS: {@code EmbeddedSqs} (ElasticMQ on a loopback port, queues from the template, messages in H2),
 * {@code SqsFront} (Vert.x on the public port: the injected latency and faults in the request's protocol, else
 * forwarded as it came), {@code MessageStore} (the H2 pool, reopened after a full disk) and
 * {@code MessageStoreSupervision} (ElasticMQ's store actor kept running after a failed write). Uses {@code faults} and
 * {@code template}; knows nothing of S3.
 */
package io.sqsextended.chain.local.sqs;
