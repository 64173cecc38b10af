/**
 * What the embedded S3 and SQS inject into their requests: {@code FaultInjection}, a delay and a fault drawn for each
 * request from the latency and faults set now (changed while running through {@code LocalAws}). Each front applies it
 * in its own protocol ({@code s3.S3FaultHandler}, {@code sqs.SqsFront}). Knows no other part.
 */
package io.sqsextended.chain.local.faults;
