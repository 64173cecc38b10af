/**
 * Facts of the wire that several features share and that must agree; no dependencies on the rest of the app.
 * <ul>
 * <li>{@code ObjectKeys} (a valid key), {@code PayloadPointer} (the extended clients' pointer),
 * {@code InlineMark};</li>
 * <li>{@code PayloadHeaders}, {@code PayloadSource} (the contract with the downstream);</li>
 * <li>{@code S3Limits}, {@code SqsLimits}, {@code QueueUrl} (the one queue-URL lookup);</li>
 * <li>{@code AwsClients}, {@code AwsSettings} (clients for AWS or a compatible endpoint);</li>
 * <li>{@code Sha256}, {@code DigestingInputStream} (the one hash-while-streaming), {@code PayloadSha256},
 * {@code Crc64Nvme}, {@code Base64Values}.</li>
 * </ul>
 */
package io.sqsextended.chain.wire;
