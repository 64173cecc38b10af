/**
 * Local mode's embedded AWS: S3Proxy and ElasticMQ in-process, provisioned from the CloudFormation template,
 * emitting S3 event notifications, with the S3 behaviours S3Proxy lacks (conditional writes, cut uploads, disk
 * space, flexible checksums, signed streaming bodies, multipart ETags, the notification configuration). Uses
 * nothing of the app but {@code wire}; the app starts it through {@link io.sqsextended.chain.local.LocalAws} alone.
 */
package io.sqsextended.chain.local;
