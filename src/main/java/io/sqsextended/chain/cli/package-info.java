/**
 * The command-line client in the jar ({@code java -jar sqs-extended-chain.jar upload|download ...}): a client of the
 * presign API over HTTP like any other; it starts no Camel and uses nothing of the server but {@code wire}. Files are
 * streamed, never held in memory.
 * <ul>
 * <li>{@code Cli} (picocli, its commands), {@code UploadCommand}, {@code DownloadCommand}, {@code ApiOptions} (API URL,
 * token, retries), {@code ProgressOptions};</li>
 * <li>{@code ChainApi} (the API's JSON calls), {@code CliFailure} (a problem as one line), {@code Retries} and
 * {@code TransientFailure} (backoff on 5xx and 429);</li>
 * <li>{@code FileUpload} (one PUT or parallel parts, resumed from {@code UploadState}), {@code PresignedTransfers} and
 * {@code FileRange} (streamed PUTs of file ranges);</li>
 * <li>{@code FileDownload} (a ranged GET continued from {@code <file>.part} and {@code DownloadState}),
 * {@code FileChecksum};</li>
 * <li>{@code ProgressDisplay}, {@code Progress}, {@code Transfer} (bars, or a line per file).</li>
 * </ul>
 */
package io.sqsextended.chain.cli;
