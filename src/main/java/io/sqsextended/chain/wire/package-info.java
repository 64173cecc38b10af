/**
 * Facts of the wire that several features share and that must agree: the shape of a valid object key, the pointer
 * format of the AWS extended clients, the payload headers and sources handed downstream, the attribute that marks a
 * message as inline, S3 and SQS limits, queue-URL lookup, and how AWS clients are built for AWS or a compatible
 * endpoint. No dependencies on the rest of the app.
 */
package io.sqsextended.chain.wire;
