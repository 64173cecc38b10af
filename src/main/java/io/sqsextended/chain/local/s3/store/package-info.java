/**
 * The embedded S3's storage: jclouds {@code ForwardingBlobStore} layers over filesystem-nio2, outermost first, with
 * the S3 behaviours S3Proxy lacks. Knows nothing of HTTP but what the front puts in its {@code RequestScope}.
 * <ul>
 * <li>{@code NotifyingBlobStore}: each created object announced by {@code BucketNotifier} (S3 event JSON, on the
 * queue before the request is answered);</li>
 * <li>{@code ConditionalBlobStore}: {@code If-None-Match: *}, writes of one key serialized ({@code KeyLocks}), aborts
 * checked against their key;</li>
 * <li>{@code MultipartETags}: a completed multipart upload keeps the ETag it answered;</li>
 * <li>{@code ChecksumBlobStore}: flexible checksums computed as the body streams ({@code ChecksumInputStream},
 * {@code FlexibleChecksum}, {@code CrcCombine}) against the one named ({@code RequestedChecksum}), a multipart
 * upload's as {@code MultipartChecksums} says;</li>
 * <li>{@code SpaceCheckingBlobStore}: the reserve on the data disk ({@code DiskSpace}), a cut-off write's file moved
 * aside ({@code IncompleteUploads});</li>
 * <li>{@code RequestScope} (what the storage knows of the request it serves), {@code RejectedUpload} (the refusals
 * S3Proxy answers as S3 errors).</li>
 * </ul>
 */
package io.sqsextended.chain.local.s3.store;
