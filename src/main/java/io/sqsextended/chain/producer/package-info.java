/**
 * The extended producer: sends payloads the way the AWS SQS Extended Client libraries do (large ones offloaded to S3
 * in a streamed multipart upload, a pointer on SQS), wire-compatible with them; the {@code direct:publish} route and
 * the HTTP messages endpoint.
 */
package io.sqsextended.chain.producer;
