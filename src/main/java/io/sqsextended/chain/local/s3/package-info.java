/**
 * The embedded S3's HTTP front: S3Proxy 2.7.0 with the handlers of ours it lacks, in the order a request meets them.
 * <ul>
 * <li>{@code EmbeddedS3}: builds the storage ({@code s3.store}) and the server, installs the handlers, starts it;</li>
 * <li>{@code S3FaultHandler}: outermost, the injected latency (the request suspended) and faults;</li>
 * <li>{@code S3Cors}: preflights answered or refused, CORS headers from the bucket's rules;</li>
 * <li>{@code UploadSpaceGuard}: an upload the disk cannot take refused (503 SlowDown) before its body is read;</li>
 * <li>{@code NotificationConfigurations}: {@code GET ?notification} answered from the template;</li>
 * <li>{@code S3Requests}: opens the storage's {@code RequestScope}; {@code ChecksumHeaders} gives checksums as S3;</li>
 * <li>{@code MultipartChecks}: a multipart upload's checksums checked as it is created and completed (the part list
 * handed on as {@code ReplacedBody});</li>
 * <li>{@code SignedUploads}: SigV4 ({@code SigV4}) checked, aws-chunked bodies decoded ({@code AwsChunkedInputStream}),
 * payload hashes checked ({@code PayloadHashCheck}), handed on re-signed as UNSIGNED-PAYLOAD;</li>
 * <li>{@code ProxyHandlers} (puts a handler in front of S3Proxy's), {@code S3ErrorResponse} (S3's XML error).</li>
 * </ul>
 * Uses {@code s3.store}, {@code faults} and {@code template}; knows nothing of SQS but the notifier it is handed.
 */
package io.sqsextended.chain.local.s3;
