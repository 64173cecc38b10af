/**
 * A payload reference made into what the downstream route receives, and the clean-up of delivered objects.
 * <ul>
 * <li>{@code PayloadResolver} (one GET, the payload headers);</li>
 * <li>{@code S3ObjectStream} (the body), {@code ObjectDownload} (the one GET its copies and re-reads share);</li>
 * <li>{@code PayloadChecksum} (the check as it streams), {@code ChecksumMismatchException};</li>
 * <li>{@code DownloadUrl} (presigned when read), {@code ObjectCleanup} and {@code CleanupPolicy} (after the delete).
 * </li>
 * </ul>
 */
package io.sqsextended.chain.consumer.payload;
