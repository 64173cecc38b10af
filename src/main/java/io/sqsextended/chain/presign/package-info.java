/**
 * The presign API's operations; the verbs are declared in {@code routes/presign-api.camel.yaml}, the HTTP plumbing is
 * {@code api}.
 * <ul>
 * <li>{@code PresignRoutes} (a route per verb: admit, operation, reply), {@code PresignConfiguration} (the beans),
 * {@code PresignSettings};</li>
 * <li>{@code Uploads}, {@code Downloads}, {@code LambdaPresign} (the operations);</li>
 * <li>{@code UploadRequest}, {@code CompleteRequest}, {@code DownloadRequest}, {@code LambdaPresignRequest} (bodies);
 * </li>
 * <li>{@code UploadTicket}, {@code UploadProgress}, {@code CompletedUpload}, {@code DownloadTicket} (answers);</li>
 * <li>{@code KeyPolicy} (upload keys, tagged for their owner), {@code UploadRules}, {@code PartLayout};</li>
 * <li>{@code S3Presigning} (presigned URLs, the multipart calls), {@code SigningCredentials};</li>
 * <li>{@code UploadPage} (the browser page at {@code /upload}).</li>
 * </ul>
 */
package io.sqsextended.chain.presign;
