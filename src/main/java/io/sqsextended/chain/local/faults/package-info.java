/**
 * What the embedded S3 and SQS inject into their requests: {@code FaultInjection}, a delay and a fault drawn for each
 * request from the latency and faults set now ({@code chain.local.latency}/{@code faults}, changed while running
 * through {@code LocalAws}). Each front applies it in its own protocol (the S3 front's {@code S3FaultHandler}, the
 * SQS front's {@code SqsFront}).
 */
package io.sqsextended.chain.local.faults;
